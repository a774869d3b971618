package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.fleet.FleetNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes scale out at once on the same fleet, both discovering every node: each node
 * is configured and restarted exactly once.
 */
class TwoWorkersChaosIT {
  private static final int NODES = 500;

  @Test
  void twoWorkersOnOneFleetProvisionEachNodeExactlyOnce(@TempDir Path dir) {
    try (ChaosStack stack =
        ChaosStack.builder("TwoWorkersChaosIT")
            .nodes(NODES)
            .seed(31)
            .workers(2)
            .fleetLater()
            .start(dir)) {
      Instant started = Instant.now();
      stack.startFleet();
      stack.awaitProvisioned(NODES, Duration.ofMinutes(10));
      Duration took = Duration.between(started, Instant.now());
      ChaosCounts counts =
          stack.record("two workers scale out at once on one fleet", 1, NODES, took);
      for (FleetNode node : stack.fleet().nodes()) {
        assertEquals(
            1, node.configureCount(), node.identity() + " configure calls; " + stack.logs());
      }
      stack.assertNothingLost(counts);
    }
  }
}
