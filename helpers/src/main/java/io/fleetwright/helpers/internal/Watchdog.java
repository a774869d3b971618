package io.fleetwright.helpers.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops guest code that runs past its deadline. Community GraalVM has no CPU-time limit, so at the
 * deadline the watchdog calls {@code Context.interrupt(grace)} (the context stays usable) and, if
 * the guest does not stop within the grace, {@code close(true)} (the context is marked broken and
 * leaves the pool). Stopping happens on its own threads so that one stuck guest cannot delay the
 * others.
 */
final class Watchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Duration grace;
  private final ScheduledThreadPoolExecutor timer =
      new ScheduledThreadPoolExecutor(1, Watchdog::thread);
  private final ExecutorService stopper = Executors.newCachedThreadPool(Watchdog::thread);

  Watchdog(Duration grace) {
    this.grace = grace;
    // Almost every deadline is cancelled; drop them at once instead of keeping them queued.
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Arms a deadline for one run of guest code in {@code guest}. */
  Ticket arm(GuestContext guest, Duration limit) {
    Ticket ticket = new Ticket(guest);
    ticket.future = timer.schedule(ticket::fire, limit.toNanos(), TimeUnit.NANOSECONDS);
    return ticket;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    stopper.shutdown();
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "helper-watchdog-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  /** One armed deadline; {@link #disarm()} it when the guest code returned or threw. */
  final class Ticket {
    private final GuestContext guest;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile ScheduledFuture<?> future;
    private boolean done;
    private boolean fired;

    private Ticket(GuestContext guest) {
      this.guest = guest;
    }

    /** Whether the deadline passed and the guest was stopped. */
    synchronized boolean fired() {
      return fired;
    }

    /** Cancels the deadline, waiting for a stop in progress so the context is settled. */
    void disarm() {
      boolean wait;
      synchronized (this) {
        done = true;
        wait = fired;
      }
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
      if (wait) {
        try {
          stopped.get(grace.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          guest.markBroken();
        }
      }
    }

    private void fire() {
      synchronized (this) {
        if (done) {
          return;
        }
        fired = true;
      }
      stopper.execute(this::stop);
    }

    private void stop() {
      try {
        guest.context().interrupt(grace);
      } catch (java.util.concurrent.TimeoutException e) {
        log.warn("guest code ignored its interrupt for {}; cancelling its context", grace);
        guest.markBroken();
        guest.cancel();
      } catch (RuntimeException e) {
        guest.markBroken();
        guest.cancel();
      } finally {
        stopped.complete(null);
      }
    }
  }
}
