package io.fleetwright.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.protocol.NodeIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A flood of made-up identities on the provisioning collective (nothing admits them: the admitter
 * is not started) fills the queue up to {@code discovery.max_waiting} and no further: the rest are
 * dropped and counted, and the heap stays flat.
 */
class DiscoveryFloodTest {
  private static final int FLOOD = 1_000_000;
  private static final int MAX_WAITING = 1_000;

  @Test
  void aMillionMadeUpIdentitiesKeepTheQueueAtItsCapAndTheHeapFlat() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Discovery discovery =
        new Discovery(
            null,
            null,
            new NodeAdmission(4, NodeAdmission.EXPIRY, Clock.systemUTC()),
            ConfigLoader.parse("discovery: {max_waiting: " + MAX_WAITING + "}"),
            registry);
    long before = usedHeapAfterGc();
    int largest = 0;
    for (int i = 0; i < FLOOD; i++) {
      discovery.seen(
          NodeIdentity.of("made-up-" + i + ".flood.example.net"),
          NodeStarter.Source.REGISTRATION,
          Instant.EPOCH);
      if (i % 1_000 == 0) {
        largest = Math.max(largest, discovery.waitingCount());
      }
    }
    long grown = usedHeapAfterGc() - before;
    System.out.printf(
        "DiscoveryFloodTest: %,d sightings with max_waiting %,d: heap grew %,d KB%n",
        FLOOD, MAX_WAITING, grown >> 10);

    assertEquals(MAX_WAITING, discovery.waitingCount(), "nodes waiting after the flood");
    assertTrue(largest <= MAX_WAITING, "the queue grew to " + largest);
    double dropped = registry.get("choria_provisioner_admission_dropped").counter().count();
    assertEquals(FLOOD - MAX_WAITING, dropped, registry.getMetersAsString());
    // Without the cap a million waiting sightings take a few hundred MB; with it, a thousand do
    // not show. The bound is generous so that the collector's noise cannot fail the test.
    assertTrue(grown < 32L << 20, "the heap grew by " + (grown >> 20) + " MB during the flood");
    discovery.close();
  }

  @Test
  void aLaterSightingOfANodeAlreadyWaitingIsNotDroppedWhenTheQueueIsFull() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Discovery discovery =
        new Discovery(
            null,
            null,
            new NodeAdmission(4, NodeAdmission.EXPIRY, Clock.systemUTC()),
            ConfigLoader.parse("discovery: {max_waiting: 100}"),
            registry);
    for (int i = 0; i < 100; i++) {
      discovery.seen(
          NodeIdentity.of("node-" + i + ".example.net"),
          NodeStarter.Source.REGISTRATION,
          Instant.EPOCH);
    }
    discovery.seen(
        NodeIdentity.of("node-7.example.net"), NodeStarter.Source.LIFECYCLE, Instant.now());
    discovery.seen(
        NodeIdentity.of("node-100.example.net"), NodeStarter.Source.LIFECYCLE, Instant.now());

    assertEquals(100, discovery.waitingCount());
    assertEquals(
        1.0,
        registry.get("choria_provisioner_admission_dropped").counter().count(),
        "only the new node's sighting is dropped");
    discovery.close();
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
