package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.LifecycleFormat;
import io.fleetwright.testing.Fixtures;
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
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal();
        TemporalConnection connection = ChaosFleet.temporal(temporal.target())) {
      Path config =
          ChaosFleet.writeConfig(dir, "worker", '"' + nats.url() + '"', temporal.target());
      try (WorkerProcess worker =
              WorkerProcess.start(config, ChaosResults.log("DiscoveryStormChaosIT"));
          Fleet fleet = ChaosFleet.start(NODES, nats.url(), 41);
          ChoriaClient storm =
              ChoriaClient.builder()
                  .natsUrl(nats.url())
                  .identity("storm.chaos.test")
                  .callerId("choria=storm.chaos.test")
                  .connect()) {
        String log = worker.log().toString();
        Instant started = Instant.now();
        // Each node announced itself once on start; 49 more rounds make 50.
        for (int round = 1; round < ANNOUNCEMENTS; round++) {
          for (FleetNode node : fleet.nodes()) {
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
        ChaosFleet.awaitProvisioned(fleet, NODES, Duration.ofMinutes(10), log);
        Duration took = Duration.between(started, Instant.now());
        FleetOperator operator = ChaosFleet.operator(connection);
        ChaosFleet.assertNothingLost(fleet, operator, NODES, log);
        long runs = operator.count(FleetOperator.nodeQuery(Optional.empty()));
        int lost = ChaosFleet.lost(fleet);
        ChaosResults.record(
            "discovery storm: each node announced " + ANNOUNCEMENTS + " times",
            1,
            NODES,
            lost + (int) Math.abs(runs - NODES),
            took);
        assertEquals(
            NODES, runs, "node workflow runs after " + ANNOUNCEMENTS * NODES + " sightings");
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
}
