package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiringRequestTest {
  private static final long NOW = 1_718_000_000L;

  private static RequestEnvelope expiring(long secondsAhead) {
    return RequestEnvelope.expiringAt(
        "provisioner",
        "choria=provisioner",
        "provisioning",
        "choria_provision",
        RequestEnvelope.MIN_TTL,
        Instant.ofEpochSecond(NOW, 400_000_000L),
        Instant.ofEpochSecond(NOW + secondsAhead, 900_000_000L),
        Filter.agent("choria_provision"));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 5, 8, 29, 30, 31, 59, 60, 61, 120, 600})
  void aNodeAcceptsTheRequestUntilTheSecondItExpiresAndNeverAfter(long ahead) {
    RequestEnvelope envelope = expiring(ahead);
    assertTrue(envelope.ttl() >= RequestEnvelope.MIN_TTL, "ttl " + envelope.ttl());
    for (long s = NOW - 5; s < NOW + ahead; s++) {
      if (s >= NOW) {
        assertTrue(envelope.withinTtl(Instant.ofEpochSecond(s)), "at now+" + (s - NOW));
      }
    }
    assertFalse(envelope.withinTtl(Instant.ofEpochSecond(NOW + ahead)), "at the deadline");
    assertFalse(envelope.withinTtl(Instant.ofEpochSecond(NOW + ahead + 1)), "after the deadline");
    assertFalse(envelope.withinTtl(Instant.ofEpochSecond(NOW + ahead + 3600)), "an hour later");
  }

  @Test
  void aShortDeadlineIsExpressedAsATimestampInThePastWithTheSmallestTtl() {
    RequestEnvelope envelope = expiring(8);
    assertEquals(RequestEnvelope.MIN_TTL, envelope.ttl());
    assertEquals(NOW + 8 - RequestEnvelope.MIN_TTL, envelope.time());
  }

  @Test
  void aLongDeadlineStretchesTheTtlInsteadOfStampingTheFuture() {
    RequestEnvelope envelope = expiring(90);
    assertEquals(90, envelope.ttl());
    assertEquals(NOW, envelope.time());
  }

  @Test
  void aDeadlineThatHasPassedIsRefusedBeforeAnythingIsSent() {
    ProtocolException e = assertThrows(ProtocolException.class, () -> expiring(0));
    assertTrue(e.getMessage().contains("it was not sent"), e.getMessage());
  }
}
