package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping. */
final class Await {

  private Await() {}

  static void until(BooleanSupplier condition, Duration limit, Supplier<String> what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not reached within " + limit + ": " + what.get());
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
