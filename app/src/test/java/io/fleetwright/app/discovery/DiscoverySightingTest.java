package io.fleetwright.app.discovery;

import static io.fleetwright.app.discovery.NodeStarter.Source.BROADCAST;
import static io.fleetwright.app.discovery.NodeStarter.Source.LIFECYCLE;
import static io.fleetwright.app.discovery.NodeStarter.Source.REGISTRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.protocol.NodeIdentity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which of two sightings of a node that wait together for admission is handed to the starter. */
class DiscoverySightingTest {
  private static final NodeIdentity NODE = NodeIdentity.of("node-00001.fleet.example.net");
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  private static Discovery.Sighting sighting(NodeStarter.Source source, Instant at) {
    return new Discovery.Sighting(NODE, source, at);
  }

  @Test
  void aStartupEventIsKeptWhenTheRegistrationOfTheSameBootArrivesAfterIt() {
    Discovery.Sighting startup = sighting(LIFECYCLE, T);
    assertEquals(startup, Discovery.telling(startup, sighting(REGISTRATION, Instant.EPOCH)));
    assertEquals(startup, Discovery.telling(sighting(REGISTRATION, Instant.EPOCH), startup));
  }

  @Test
  void aStartupEventIsKeptOverABroadcastRoundAndABroadcastOverRegistration() {
    Discovery.Sighting startup = sighting(LIFECYCLE, T);
    Discovery.Sighting round = sighting(BROADCAST, T.plusSeconds(30));
    assertEquals(startup, Discovery.telling(startup, round));
    assertEquals(round, Discovery.telling(sighting(REGISTRATION, Instant.EPOCH), round));
  }

  @Test
  void ofTwoSightingsOfOneKindTheLaterIsKept() {
    Discovery.Sighting later = sighting(LIFECYCLE, T.plusSeconds(5));
    assertEquals(later, Discovery.telling(sighting(LIFECYCLE, T), later));
    assertEquals(later, Discovery.telling(later, sighting(LIFECYCLE, T)));
  }
}
