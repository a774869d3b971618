package io.fleetwright.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, polling, instead of sleeping a fixed time; the failure
 * says what was last seen. The one copy for every module's tests.
 */
public final class Await {
  /** The deadline of the forms that take none: enough for a test against in-process fakes. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration QUICK_POLL = Duration.ofMillis(20);

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
    until(timeout, condition, lastSeen, () -> {});
  }

  /**
   * Polls {@code condition} until it holds; when the deadline passes first, runs {@code
   * beforeFailing} (e.g. writes a thread dump of the process that did not get there) and then
   * fails.
   *
   * @param timeout the longest wait
   * @param condition what must become true
   * @param lastSeen describes the current state, for the failure message
   * @param beforeFailing collects evidence before the failure; its own failure is reported too
   * @throws AssertionError when the deadline passes first
   */
  public static void until(
      Duration timeout,
      BooleanSupplier condition,
      Supplier<String> lastSeen,
      Runnable beforeFailing) {
    poll(timeout, POLL, condition, lastSeen, beforeFailing);
  }

  /**
   * Polls {@code condition} every 20 ms until it holds, for up to {@code timeout}: for conditions
   * that become true within milliseconds.
   *
   * @param timeout the longest wait
   * @param condition what must become true
   * @param lastSeen describes the current state, for the failure message
   * @throws AssertionError when the deadline passes first
   */
  public static void quickly(
      Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
    poll(timeout, QUICK_POLL, condition, lastSeen, () -> {});
  }

  /**
   * Polls {@code value} every 20 ms until {@code condition} holds, for up to {@link #DEADLINE}.
   *
   * @param what names what is awaited, for the failure message
   * @param value reads the current value
   * @param condition what the value must satisfy
   * @return the first value that satisfies the condition
   * @throws AssertionError with the last value seen when the deadline passes first
   */
  public static <T> T until(String what, Supplier<T> value, Predicate<T> condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = value.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not done within " + DEADLINE + ": " + what + "; last seen: " + last);
      }
      sleep(QUICK_POLL, () -> what);
      last = value.get();
    }
    return last;
  }

  /**
   * Waits up to {@link #DEADLINE} for {@code latch} to open.
   *
   * @param what names the latch, for the failure message
   * @param latch the latch
   * @throws AssertionError when the deadline passes first or the wait is interrupted
   */
  public static void latch(String what, CountDownLatch latch) {
    try {
      if (!latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("not done within " + DEADLINE + ": " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  private static void poll(
      Duration timeout,
      Duration every,
      BooleanSupplier condition,
      Supplier<String> lastSeen,
      Runnable beforeFailing) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        AssertionError failure =
            new AssertionError("not done within " + timeout + ": " + lastSeen.get());
        try {
          beforeFailing.run();
        } catch (RuntimeException | Error e) {
          failure.addSuppressed(e);
        }
        throw failure;
      }
      sleep(every, lastSeen);
    }
  }

  private static void sleep(Duration duration, Supplier<String> lastSeen) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting: " + lastSeen.get(), e);
    }
  }
}
