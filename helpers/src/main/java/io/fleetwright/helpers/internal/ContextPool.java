package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperException;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded pool of guest contexts. A context is lent to one thread at a time and never shared; at
 * most {@code size} exist at once. Contexts of an older helper file version, and broken ones, are
 * closed instead of reused.
 */
final class ContextPool implements AutoCloseable {
  private final int size;
  private final Semaphore permits;
  private final Deque<GuestContext> idle = new ConcurrentLinkedDeque<>();
  private final Set<GuestContext> live = ConcurrentHashMap.newKeySet();
  private final Function<HelperSource.Version, GuestContext> factory;
  private final AtomicLong newestGeneration = new AtomicLong();
  private volatile boolean closed;

  ContextPool(int size, Function<HelperSource.Version, GuestContext> factory) {
    this.size = size;
    this.permits = new Semaphore(size, true);
    this.factory = factory;
  }

  /**
   * Lends a context for {@code version}, creating one if none is idle; waits up to {@code wait}.
   */
  GuestContext take(HelperSource.Version version, Duration wait, String helper) {
    newestGeneration.accumulateAndGet(version.generation(), Math::max);
    try {
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new HelperException(
            HelperException.Kind.TIMEOUT,
            "helper "
                + helper
                + ": all "
                + size
                + " guest contexts stayed busy for "
                + SubprocessCall.human(wait)
                + "; raise the pool size or make the helper faster");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HelperException(
          HelperException.Kind.CRASHED, "interrupted while waiting for helper " + helper, e);
    }
    try {
      return lend(version);
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private GuestContext lend(HelperSource.Version version) {
    GuestContext guest;
    while ((guest = idle.pollFirst()) != null) {
      if (guest.generation() == version.generation() && !guest.broken()) {
        return guest;
      }
      discard(guest);
    }
    checkOpen();
    guest = factory.apply(version);
    live.add(guest);
    if (closed) {
      discard(guest);
      checkOpen();
    }
    return guest;
  }

  /** Takes a context back from the thread that borrowed it. */
  void give(GuestContext guest) {
    try {
      if (closed || guest.broken() || guest.generation() < newestGeneration.get()) {
        discard(guest);
      } else {
        idle.addFirst(guest);
      }
    } finally {
      permits.release();
    }
  }

  /** Creates up to {@code count} idle contexts ahead of the first calls. */
  void prefill(HelperSource.Version version, int count) {
    GuestContext[] lent = new GuestContext[Math.min(count, size)];
    try {
      for (int i = 0; i < lent.length; i++) {
        lent[i] = take(version, Duration.ofMinutes(5), "(warm-up)");
      }
    } finally {
      for (GuestContext guest : lent) {
        if (guest != null) {
          give(guest);
        }
      }
    }
  }

  int liveCount() {
    return live.size();
  }

  private void discard(GuestContext guest) {
    live.remove(guest);
    guest.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new HelperException(HelperException.Kind.CRASHED, "the helper runner is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    GuestContext guest;
    while ((guest = idle.pollFirst()) != null) {
      discard(guest);
    }
    live.forEach(GuestContext::cancel);
    live.clear();
  }
}
