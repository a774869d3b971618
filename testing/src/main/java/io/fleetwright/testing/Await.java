package io.fleetwright.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling; the failure says what was last seen. */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(200);

  private Await() {}

  /**
   * Polls {@code condition} until it holds.
   *
   * @param timeout the longest wait
   * @param condition what must become true
   * @param lastSeen describes the current state, for the failure message
   * @throws AssertionError when the deadline passes first
   */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout + ": " + lastSeen.get());
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + lastSeen.get(), e);
      }
    }
  }
}
