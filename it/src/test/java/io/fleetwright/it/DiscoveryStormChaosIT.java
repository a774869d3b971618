package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.LifecycleFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same 1,000 nodes each announce themselves 50 times: there are exactly 1,000 workflows. */
class DiscoveryStormChaosIT {
  private static final int NODES = 1000;
  private static final int ANNOUNCEMENTS = 50;

  @Test
  void fiftyAnnouncementsOfEachNodeStartOneWorkflowPerNode(@TempDir Path dir) {
    try (ChaosStack stack =
            ChaosStack.builder("DiscoveryStormChaosIT").nodes(NODES).seed(41).start(dir);
        ChoriaClient storm =
            ChoriaClient.builder()
                .natsUrl(stack.nats().url())
                .identity("storm.chaos.test")
                .callerId("choria=storm.chaos.test")
                .connect()) {
      Instant started = Instant.now();
      // Each node announced itself once on start; 49 more rounds make 50.
      for (int round = 1; round < ANNOUNCEMENTS; round++) {
        for (FleetNode node : stack.fleet().nodes()) {
          storm.publishLifecycle(
              LifecycleEvent.create(
                  LifecycleEvent.STARTUP,
                  node.identity(),
                  LifecycleEvent.PROVISION_MODE_SERVER,
                  "0.29.4",
                  Instant.now()),
              round % 2 == 0 ? LifecycleFormat.CHORIA : LifecycleFormat.CLOUD_EVENTS);
        }
      }
      stack.awaitProvisioned(NODES, Duration.ofMinutes(10));
      Duration took = Duration.between(started, Instant.now());
      FleetOperator operator = stack.operator();
      ChaosCounts counts = stack.counts();
      stack.assertNothingLost(counts);
      long runs = operator.count(FleetOperator.nodeQuery(Optional.empty()));
      ChaosResults.record(
          "discovery storm: each node announced " + ANNOUNCEMENTS + " times",
          1,
          NODES,
          counts.lost() + (int) Math.abs(runs - NODES),
          counts.configuredTwice(),
          counts.restartedTwice(),
          took);
      assertEquals(NODES, runs, "node workflow runs after " + ANNOUNCEMENTS * NODES + " sightings");
      assertEquals(
          NODES,
          operator.nodes(Optional.empty(), 10 * NODES).stream()
              .map(m -> m.getExecution().getWorkflowId())
              .distinct()
              .count(),
          "distinct workflow ids");
    }
  }
}
