package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class NodeAdmissionTest {
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void admitsUpToCapacityThenWaitsForARelease() throws Exception {
    NodeAdmission admission = new NodeAdmission(2, Duration.ofMinutes(1), Clock.systemUTC());
    assertTrue(admission.admit("provision/a"));
    assertTrue(admission.admit("provision/b"));
    CompletableFuture<Boolean> third =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return admission.admit("provision/c");
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
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
    CompletableFuture<Boolean> blocked =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return admission.admit("provision/c");
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThrows(TimeoutException.class, () -> blocked.get(300, TimeUnit.MILLISECONDS));
    admission.release("provision/b");
    assertTrue(blocked.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aRunWhoseEndIsNeverSeenIsReleasedAfterTheExpiry() throws Exception {
    MovableClock clock = new MovableClock();
    NodeAdmission admission = new NodeAdmission(1, Duration.ofSeconds(60), clock);
    assertTrue(admission.admit("provision/lost"));
    clock.now = clock.now.plusSeconds(59);
    assertEquals(0, admission.expire());
    clock.now = clock.now.plusSeconds(2);
    assertEquals(1, admission.expire());
    assertFalse(admission.isActive("provision/lost"));
    assertTrue(admission.admit("provision/next"));
  }

  @Test
  void aWaitingAdmissionExpiresStaleRunsByItself() throws Exception {
    MovableClock clock = new MovableClock();
    NodeAdmission admission = new NodeAdmission(1, Duration.ofMillis(200), clock);
    assertTrue(admission.admit("provision/lost"));
    clock.now = clock.now.plusSeconds(1);
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
