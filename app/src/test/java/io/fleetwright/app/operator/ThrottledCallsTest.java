package io.fleetwright.app.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ThrottledCallsTest {
  /** A clock that only the pauses move. */
  private static final class Clock {
    long nanos;
    final List<Duration> pauses = new ArrayList<>();

    void sleep(Duration pause) {
      pauses.add(pause);
      nanos += pause.toNanos();
    }
  }

  private static String call(Clock clock, Supplier<String> call, Duration patience) {
    return ThrottledCalls.call(
        "counting node runs in visibility", call, clock::sleep, () -> clock.nanos, patience);
  }

  /**
   * The error of a call that the server refuses with {@code status} for longer than its patience.
   */
  private static IllegalStateException refusedThroughout(
      Clock clock, Status status, AtomicInteger calls, Duration patience) {
    return assertThrows(
        IllegalStateException.class,
        () -> call(clock, refusing(Integer.MAX_VALUE, status, calls), patience));
  }

  private static Supplier<String> refusing(int times, Status status, AtomicInteger calls) {
    return () -> {
      if (calls.incrementAndGet() <= times) {
        throw status.withDescription("namespace rate limit exceeded").asRuntimeException();
      }
      return "42";
    };
  }

  @Test
  void retriesThrottledCallsWithGrowingPauses() {
    Clock clock = new Clock();
    AtomicInteger calls = new AtomicInteger();
    String value =
        call(clock, refusing(6, Status.RESOURCE_EXHAUSTED, calls), ThrottledCalls.PATIENCE);
    assertEquals("42", value);
    assertEquals(7, calls.get());
    assertEquals(
        List.of(100L, 200L, 400L, 800L, 1600L, 2000L),
        clock.pauses.stream().map(Duration::toMillis).toList());
  }

  @Test
  void retriesAnUnavailableServer() {
    Clock clock = new Clock();
    AtomicInteger calls = new AtomicInteger();
    assertEquals(
        "42", call(clock, refusing(1, Status.UNAVAILABLE, calls), ThrottledCalls.PATIENCE));
    assertEquals(2, calls.get());
  }

  @Test
  void otherErrorsAreNotRetried() {
    Clock clock = new Clock();
    AtomicInteger calls = new AtomicInteger();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                call(clock, refusing(1, Status.INVALID_ARGUMENT, calls), ThrottledCalls.PATIENCE));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(1, calls.get());
    assertTrue(clock.pauses.isEmpty());
  }

  @Test
  void givesUpAfterItsPatienceNamingTheCallTheAnswerAndTheFix() {
    Clock clock = new Clock();
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException e =
        refusedThroughout(clock, Status.RESOURCE_EXHAUSTED, calls, Duration.ofSeconds(10));
    long slept = clock.pauses.stream().mapToLong(Duration::toMillis).sum();
    assertTrue(slept <= 10_000, "slept " + slept + " ms");
    assertTrue(slept > 10_000 - ThrottledCalls.LONGEST_PAUSE.toMillis(), "slept " + slept + " ms");
    assertEquals(clock.pauses.size() + 1, calls.get());
    String message = e.getMessage();
    assertTrue(message.startsWith("counting node runs in visibility: "), message);
    assertTrue(message.contains("RESOURCE_EXHAUSTED: namespace rate limit exceeded"), message);
    assertTrue(message.contains("frontend.namespaceRPS.visibility"), message);
    assertTrue(message.contains(calls.get() + " tries"), message);
    assertSame(StatusRuntimeException.class, e.getCause().getClass());
  }

  @Test
  void anUnavailableServerIsNotBlamedOnALimit() {
    Clock clock = new Clock();
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException e =
        refusedThroughout(clock, Status.UNAVAILABLE, calls, Duration.ofSeconds(5));
    String message = e.getMessage();
    assertTrue(message.contains("UNAVAILABLE"), message);
    assertTrue(message.contains("Check that the server runs"), message);
    assertFalse(message.contains("frontend.namespaceRPS"), message);
  }
}
