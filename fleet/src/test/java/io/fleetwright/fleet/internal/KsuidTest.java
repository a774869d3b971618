package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KsuidTest {
  @Test
  void isTwentySevenBase62CharactersCarryingItsTimestamp() {
    Instant now = Instant.parse("2026-11-22T03:25:19Z");
    String id = Ksuid.next(now);
    assertEquals(27, id.length(), id);
    assertTrue(id.matches("[0-9A-Za-z]{27}"), id);
    assertEquals(now, Ksuid.timestamp(id), id);
  }

  @Test
  void readsTheTimestampOfAKsuidFromTheGoTokensPackage() {
    // jti of a provisioning JWT made by go-choria v0.30.2's jwt prov at 2026-11-22T03:25:19Z.
    assertEquals(
        Instant.parse("2026-11-22T03:25:19Z"), Ksuid.timestamp("3MRegec69kj7NeJe6Oqs14DGen3"));
  }

  @Test
  void twoKsuidsOfTheSameSecondDiffer() {
    Instant now = Instant.now();
    assertNotEquals(Ksuid.next(now), Ksuid.next(now));
  }
}
