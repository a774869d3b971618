package io.fleetwright.it;

import io.fleetwright.fleet.NodeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker is starved of CPU for a minute mid-run (see {@link CpuStarver} for how), then given
 * its CPU back: no node is lost, configured twice or restarted twice.
 */
class CpuStarvationChaosIT {
  private static final int NODES = 1000;
  private static final Duration STARVED = Duration.ofSeconds(60);

  @Test
  void aWorkerStarvedOfCpuForAMinuteAppliesEachStepOnce(@TempDir Path dir)
      throws InterruptedException {
    try (ChaosStack stack =
        ChaosStack.builder("CpuStarvationChaosIT").nodes(NODES).seed(59).pki().start(dir)) {
      stack.awaitProvisioned(NODES / 5, Duration.ofMinutes(10));
      Instant struck = Instant.now();
      int affected = NODES - stack.fleet().count(NodeMode.PROVISIONED);
      try (CpuStarver starver = CpuStarver.starve(stack.worker().pid())) {
        System.out.println("chaos: the worker is starved of CPU with " + starver.how());
        Thread.sleep(STARVED);
      }
      stack.awaitProvisioned(NODES, Duration.ofMinutes(15));
      Duration recovery = Duration.between(struck, Instant.now());
      ChaosCounts counts =
          stack.record("worker starved of CPU for 60 s mid-run", 1, affected, recovery);
      stack.assertNothingLost(counts);
    }
  }
}
