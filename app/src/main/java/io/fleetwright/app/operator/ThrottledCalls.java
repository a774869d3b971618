package io.fleetwright.app.operator;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Raw calls to the Temporal service (visibility counts, task-queue descriptions) that a server may
 * throttle. The SDK retries its own calls; a raw stub call does not, and a real {@code
 * temporal-server} limits visibility calls per namespace ({@code frontend.namespaceRPS.visibility})
 * and answers {@code RESOURCE_EXHAUSTED: namespace rate limit exceeded} for a moment after it
 * starts. Such answers, and {@code UNAVAILABLE}, are retried with a growing pause for up to 30 s.
 */
public final class ThrottledCalls {
  static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How a retry waits; tests pass one that only moves their clock. */
  interface Pause {
    void sleep(Duration pause) throws InterruptedException;
  }

  private ThrottledCalls() {}

  /**
   * Runs {@code call}, retrying it while the server throttles it or is unavailable.
   *
   * @param what the call, for the error: "counting node runs in visibility"
   * @throws IllegalStateException when the server still refused after 30 s
   */
  public static <T> T call(String what, Supplier<T> call) {
    return call(what, call, Thread::sleep, System::nanoTime, PATIENCE);
  }

  static <T> T call(
      String what, Supplier<T> call, Pause pause, LongSupplier nanos, Duration patience) {
    long start = nanos.getAsLong();
    Duration next = FIRST_PAUSE;
    int tries = 0;
    while (true) {
      StatusRuntimeException refused;
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (!retried(e.getStatus().getCode())) {
          throw e;
        }
        refused = e;
      }
      tries++;
      Duration waited = Duration.ofNanos(nanos.getAsLong() - start);
      if (waited.plus(next).compareTo(patience) > 0) {
        throw new IllegalStateException(
            what
                + ": the Temporal server still answered '"
                + refused.getStatus().getCode()
                + ": "
                + refused.getStatus().getDescription()
                + "' after "
                + tries
                + " tries over "
                + waited.toSeconds()
                + " s. "
                + hint(refused.getStatus().getCode()),
            refused);
      }
      try {
        pause.sleep(next);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(what + ": interrupted while waiting to retry", refused);
      }
      next =
          next.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next.multipliedBy(2);
    }
  }

  private static String hint(Status.Code code) {
    return code == Status.Code.RESOURCE_EXHAUSTED
        ? "It limits these calls per namespace (frontend.namespaceRPS.visibility in its dynamic"
            + " config): try again later, or raise that limit"
        : "Check that the server runs and that temporal.target (or --temporal) points at it";
  }

  private static boolean retried(Status.Code code) {
    return code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.UNAVAILABLE;
  }
}
