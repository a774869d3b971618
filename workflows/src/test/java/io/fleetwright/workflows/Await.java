package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling gently. */
final class Await {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private Await() {}

  /** Polls {@code value} until {@code condition} holds; fails with the last value seen. */
  static <T> T until(String what, Supplier<T> value, java.util.function.Predicate<T> condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = value.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        fail("waited " + DEADLINE + " for " + what + "; last seen: " + last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      last = value.get();
    }
    return last;
  }

  static void latch(String what, CountDownLatch latch) {
    try {
      if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        fail("waited " + DEADLINE + " for " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while waiting for " + what);
    }
  }
}
