package io.fleetwright.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraalPy example helper ({@code helpers/examples/provision.py}, in-process) runs on every
 * node: no node is lost, configured twice or restarted twice, GraalPy's warm-up included.
 */
class GraalPyHelperChaosIT {
  private static final int NODES = 1000;

  @Test
  void theGraalPyExampleHelperOnEveryNodeAppliesEachStepOnce(@TempDir Path dir) {
    Path helper = Path.of("..", "helpers", "examples", "provision.py");
    try (ChaosStack stack =
        ChaosStack.builder("GraalPyHelperChaosIT")
            .nodes(NODES)
            .seed(67)
            .pki()
            .helper(helper)
            .heap("1g")
            .start(dir)) {
      Instant started = Instant.now();
      stack.awaitProvisioned(NODES, Duration.ofMinutes(20));
      Duration took = Duration.between(started, Instant.now());
      ChaosCounts counts =
          stack.record("GraalPy example helper (in-process) on every node", 1, NODES, took);
      stack.assertNothingLost(counts);
    }
  }
}
