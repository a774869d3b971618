package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes scale out at once on the same fleet, both discovering every node: each node
 * is provisioned exactly once.
 */
class TwoWorkersChaosIT {
  private static final int NODES = 500;

  @Test
  void twoWorkersOnOneFleetProvisionEachNodeExactlyOnce(@TempDir Path dir) {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal();
        TemporalConnection connection = ChaosFleet.temporal(temporal.target())) {
      String natsUrl = '"' + nats.url() + '"';
      Path first = ChaosFleet.writeConfig(dir, "first", natsUrl, temporal.target());
      Path second = ChaosFleet.writeConfig(dir, "second", natsUrl, temporal.target());
      try (WorkerProcess one =
              WorkerProcess.start(first, ChaosResults.log("TwoWorkersChaosIT-first"));
          WorkerProcess two =
              WorkerProcess.start(second, ChaosResults.log("TwoWorkersChaosIT-second"))) {
        Instant started = Instant.now();
        String logs = one.log() + " and " + two.log();
        try (Fleet fleet = ChaosFleet.start(NODES, nats.url(), 31)) {
          ChaosFleet.awaitProvisioned(fleet, NODES, Duration.ofMinutes(10), logs);
          Duration took = Duration.between(started, Instant.now());
          long configuredTwice =
              fleet.nodes().stream().filter(n -> n.configureCount() != 1).count();
          int lost = ChaosFleet.lost(fleet) + (int) configuredTwice;
          ChaosResults.record("two workers scale out at once on one fleet", 1, NODES, lost, took);
          for (FleetNode node : fleet.nodes()) {
            assertEquals(1, node.configureCount(), node.identity() + " configure calls; " + logs);
          }
          ChaosFleet.assertNothingLost(fleet, ChaosFleet.operator(connection), NODES, logs);
        }
      }
    }
  }
}
