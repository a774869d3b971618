package io.fleetwright.app.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many node runs this process has in their active phase (from start until they finish,
 * defer or wait), like the Go provisioner's worker pool. A burst of thousands of new nodes
 * otherwise starts them all at once: every new run's first task is handed straight back to this
 * worker, so runs already under way waited behind them until their next task's sticky
 * schedule-to-start timeout, then replayed their whole history from the shared queue.
 *
 * <p>A run is released when the {@link AdmissionInterceptor} sees its workflow finish or wait, or
 * after {@code expiry} when that cannot be seen here (the run moved to another worker, an operator
 * cancelled it), so a lost release slows discovery down for a while and never stops it.
 */
public final class NodeAdmission {
  /** How long a started node counts against admission when its end is not seen here. */
  public static final Duration EXPIRY = Duration.ofSeconds(60);

  private final Semaphore permits;
  private final int capacity;
  private final Duration expiry;
  private final Clock clock;
  private final Map<String, Instant> admitted = new ConcurrentHashMap<>();
  private volatile Instant lastMoved;
  private volatile boolean expiredSinceMoved;

  public NodeAdmission(int capacity, Duration expiry, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("admission capacity must be at least 1, got " + capacity);
    }
    this.permits = new Semaphore(capacity);
    this.capacity = capacity;
    this.expiry = expiry;
    this.clock = clock;
    this.lastMoved = clock.instant();
  }

  /** Waits for room, then counts {@code workflowId} as active; false when it already is. */
  boolean admit(String workflowId) throws InterruptedException {
    if (admitted.containsKey(workflowId)) {
      return false;
    }
    while (!permits.tryAcquire(expiry.toMillis() / 4 + 1, TimeUnit.MILLISECONDS)) {
      expire();
    }
    if (admitted.putIfAbsent(workflowId, clock.instant()) != null) {
      permits.release();
      return false;
    }
    if (admitted.size() == 1 && !expiredSinceMoved) {
      // A new burst after an idle spell: the clock of "standing still" starts now. After runs
      // expired unseen it does not: those runs never moved, and neither did anything since.
      lastMoved = clock.instant();
    }
    return true;
  }

  /**
   * Ends the active phase of {@code workflowId}; a second call, or one for a stranger, is a no-op.
   */
  void release(String workflowId) {
    if (admitted.remove(workflowId) != null) {
      permits.release();
      lastMoved = clock.instant();
      expiredSinceMoved = false;
    }
  }

  /**
   * When a run of this process last finished or started waiting (workflow code ran), or a new burst
   * of runs began after an idle spell; runs released by the expiry do not count.
   */
  Instant lastMoved() {
    return lastMoved;
  }

  boolean isActive(String workflowId) {
    return admitted.containsKey(workflowId);
  }

  int active() {
    return admitted.size();
  }

  int capacity() {
    return capacity;
  }

  /** Releases every run admitted longer than the expiry ago; returns how many. */
  int expire() {
    Instant cutoff = clock.instant().minus(expiry);
    int released = 0;
    for (Map.Entry<String, Instant> e : admitted.entrySet()) {
      if (e.getValue().isBefore(cutoff) && admitted.remove(e.getKey(), e.getValue())) {
        permits.release();
        released++;
      }
    }
    if (released > 0) {
      expiredSinceMoved = true;
    }
    return released;
  }
}
