package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process is killed with SIGKILL while it provisions 2,000 nodes, then started again:
 * every node ends PROVISIONED, none is configured with two configurations, none is left behind.
 */
class WorkerKillChaosIT {
  private static final int NODES = 2000;

  @Test
  void aWorkerKilledMidRunLosesNoNode(@TempDir Path dir) {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal();
        TemporalConnection connection = ChaosFleet.temporal(temporal.target())) {
      Path config =
          ChaosFleet.writeConfig(dir, "worker", '"' + nats.url() + '"', temporal.target());
      try (WorkerProcess worker =
              WorkerProcess.start(config, ChaosResults.log("WorkerKillChaosIT"));
          Fleet fleet = ChaosFleet.start(NODES, nats.url(), 11)) {
        String log = worker.log().toString();
        ChaosFleet.awaitProvisioned(fleet, NODES / 4, Duration.ofMinutes(10), log);
        worker.kill();
        Instant killed = Instant.now();
        int affected = NODES - fleet.count(NodeMode.PROVISIONED);
        worker.startAgain();
        ChaosFleet.awaitProvisioned(fleet, NODES, Duration.ofMinutes(12), log);
        Duration recovery = Duration.between(killed, Instant.now());
        int lost = ChaosFleet.lost(fleet);
        ChaosResults.record(
            "worker killed with SIGKILL and restarted", 1, affected, lost, recovery);
        assertEquals(0, lost, "nodes lost; worker log " + log);
        ChaosFleet.assertNothingLost(fleet, ChaosFleet.operator(connection), NODES, log);
      }
    }
  }
}
