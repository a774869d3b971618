package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nats-server is restarted mid-run, then the Temporal dev server on the same SQLite file: the
 * outcome is that of an undisturbed run, every node PROVISIONED once, none lost.
 */
class ServerRestartChaosIT {
  private static final int NODES = 500;

  @Test
  void restartingNatsAndTemporalMidRunLosesNoNode(@TempDir Path dir) {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal();
        TemporalConnection connection = ChaosFleet.temporal(temporal.target())) {
      Path config =
          ChaosFleet.writeConfig(dir, "worker", '"' + nats.url() + '"', temporal.target());
      try (WorkerProcess worker =
              WorkerProcess.start(config, ChaosResults.log("ServerRestartChaosIT"));
          Fleet fleet = ChaosFleet.start(NODES, nats.url(), 23)) {
        String log = worker.log().toString();
        ChaosFleet.awaitProvisioned(fleet, NODES / 5, Duration.ofMinutes(8), log);
        Set<String> natsAffected = pending(fleet);
        Instant natsRestarted = Instant.now();
        nats.restart();
        ChaosFleet.awaitProvisioned(fleet, NODES / 2, Duration.ofMinutes(8), log);
        Duration natsRecovery = awaitAll(fleet, natsAffected, natsRestarted, log, false);
        Set<String> temporalAffected = pending(fleet);
        Instant temporalRestarted = Instant.now();
        temporal.restart();
        Duration temporalRecovery = awaitAll(fleet, temporalAffected, temporalRestarted, log, true);
        natsRecovery = awaitAll(fleet, natsAffected, natsRestarted, log, true);
        int lost = ChaosFleet.lost(fleet);
        ChaosResults.record(
            "nats-server restarted mid-run", 1, natsAffected.size(), 0, natsRecovery);
        ChaosResults.record(
            "Temporal dev server restarted mid-run (same SQLite file)",
            1,
            temporalAffected.size(),
            lost,
            temporalRecovery);
        assertEquals(0, lost, "nodes lost; worker log " + log);
        ChaosFleet.assertNothingLost(fleet, ChaosFleet.operator(connection), NODES, log);
      }
    }
  }

  private static Set<String> pending(Fleet fleet) {
    return fleet.nodes().stream()
        .filter(n -> n.mode() != NodeMode.PROVISIONED)
        .map(FleetNode::identity)
        .collect(Collectors.toSet());
  }

  /** With {@code all}, waits until every affected node is provisioned; else only for progress. */
  private static Duration awaitAll(
      Fleet fleet, Set<String> affected, Instant since, String log, boolean all) {
    if (all) {
      Await.until(
          Duration.ofMinutes(10),
          () ->
              affected.stream()
                  .allMatch(id -> fleet.node(id).orElseThrow().mode() == NodeMode.PROVISIONED),
          () -> fleet.countsByMode() + "; worker log " + log);
    }
    return Duration.between(since, Instant.now());
  }
}
