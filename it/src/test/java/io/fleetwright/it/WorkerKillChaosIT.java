package io.fleetwright.it;

import io.fleetwright.fleet.NodeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process is killed with SIGKILL while it provisions 2,000 nodes, then started again:
 * every node ends PROVISIONED, none is lost, configured twice or restarted twice.
 */
class WorkerKillChaosIT {
  private static final int NODES = 2000;

  @Test
  void aWorkerKilledMidRunLosesNoNode(@TempDir Path dir) {
    try (ChaosStack stack =
        ChaosStack.builder("WorkerKillChaosIT").nodes(NODES).seed(11).start(dir)) {
      stack.awaitProvisioned(NODES / 4, Duration.ofMinutes(10));
      stack.worker().kill();
      Instant killed = Instant.now();
      int affected = NODES - stack.fleet().count(NodeMode.PROVISIONED);
      stack.worker().startAgain();
      stack.awaitProvisioned(NODES, Duration.ofMinutes(12));
      Duration recovery = Duration.between(killed, Instant.now());
      ChaosCounts counts =
          stack.record("worker killed with SIGKILL and restarted", 1, affected, recovery);
      stack.assertNothingLost(counts);
    }
  }
}
