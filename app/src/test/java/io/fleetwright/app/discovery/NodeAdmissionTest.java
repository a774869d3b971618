package io.fleetwright.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class NodeAdmissionTest {
  private static final Instant START = Instant.parse("2026-11-22T00:00:00Z");

  /** Admits {@code workflowId} on another thread, which blocks while admission is full. */
  private static CompletableFuture<Boolean> admitLater(NodeAdmission admission, String workflowId) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return admission.admit(workflowId);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void admitsUpToCapacityThenWaitsForARelease() throws Exception {
    NodeAdmission admission = new NodeAdmission(2, Duration.ofMinutes(1), Clock.systemUTC());
    assertTrue(admission.admit("provision/a"));
    assertTrue(admission.admit("provision/b"));
    CompletableFuture<Boolean> third = admitLater(admission, "provision/c");
    assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS));
    admission.release("provision/a");
    assertTrue(third.get(10, TimeUnit.SECONDS));
    assertEquals(2, admission.active());
    assertTrue(admission.isActive("provision/c"));
    assertFalse(admission.isActive("provision/a"));
  }

  @Test
  void aRunAlreadyActiveIsNotAdmittedTwiceAndReleasesAreIdempotent() throws Exception {
    NodeAdmission admission = new NodeAdmission(1, Duration.ofMinutes(1), Clock.systemUTC());
    assertTrue(admission.admit("provision/a"));
    assertFalse(admission.admit("provision/a"), "the same run again takes no second permit");
    admission.release("provision/a");
    admission.release("provision/a");
    admission.release("provision/never-admitted");
    assertTrue(admission.admit("provision/b"));
    assertEquals(1, admission.active(), "extra releases must not add room");
    CompletableFuture<Boolean> blocked = admitLater(admission, "provision/c");
    assertThrows(TimeoutException.class, () -> blocked.get(300, TimeUnit.MILLISECONDS));
    admission.release("provision/b");
    assertTrue(blocked.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aRunWhoseEndIsNeverSeenIsReleasedAfterTheExpiry() throws Exception {
    ManualClock clock = new ManualClock(START);
    NodeAdmission admission = new NodeAdmission(1, Duration.ofSeconds(60), clock);
    assertTrue(admission.admit("provision/lost"));
    clock.advance(Duration.ofSeconds(59));
    assertEquals(0, admission.expire());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, admission.expire());
    assertFalse(admission.isActive("provision/lost"));
    assertTrue(admission.admit("provision/next"));
  }

  @Test
  void aWaitingAdmissionExpiresStaleRunsByItself() throws Exception {
    ManualClock clock = new ManualClock(START);
    NodeAdmission admission = new NodeAdmission(1, Duration.ofMillis(200), clock);
    assertTrue(admission.admit("provision/lost"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(admission.admit("provision/next"), "admit sweeps expired runs while it waits");
  }

  @Test
  void refusesANonPositiveCapacity() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NodeAdmission(0, Duration.ofSeconds(1), Clock.systemUTC()));
    assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
  }
}
