package io.fleetwright.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Heartbeats the running activity while a blocking call waits, so a dead worker is noticed fast.
 */
final class Heartbeats {
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private Heartbeats() {}

  static <T> T whileWaiting(Supplier<T> call) {
    ActivityExecutionContext context = context();
    if (context == null || context.getInfo().isLocal()) {
      return call.get();
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                future.complete(call.get());
              } catch (Throwable t) {
                future.completeExceptionally(t);
              }
            });
    while (true) {
      try {
        return future.get(INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        context.heartbeat(null);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a node", e);
      }
    }
  }

  /** Heartbeats once when running inside a (non-local) activity. */
  static void beat() {
    ActivityExecutionContext context = context();
    if (context != null && !context.getInfo().isLocal()) {
      context.heartbeat(null);
    }
  }

  private static ActivityExecutionContext context() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
