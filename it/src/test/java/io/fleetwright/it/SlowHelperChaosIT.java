package io.fleetwright.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node in ten gets a helper that takes 8 s: no node is lost, configured twice or restarted
 * twice, and the slow helper times out no workflow task of its own or of the other nodes.
 *
 * <p>The helper is a subprocess ({@code helpers/slow.sh}) that sleeps. The in-process JavaScript
 * sandbox has no sleep and stops a busy loop at its statement limit, and a busy wait would spend
 * 800 CPU-seconds on 100 nodes: on a small machine that is a CPU starvation fault, not a slow
 * helper. A subprocess helper near its time limit is also what a real slow helper looks like.
 */
class SlowHelperChaosIT {
  private static final int NODES = 1000;

  @Test
  void aHelperThatTakesEightSecondsForOneNodeInTenAppliesEachStepOnce(@TempDir Path dir) {
    Path helper = Path.of("src/test/resources/helpers/slow.sh").toAbsolutePath();
    try (ChaosStack stack =
        ChaosStack.builder("SlowHelperChaosIT")
            .nodes(NODES)
            .seed(61)
            .pki()
            .helper(helper)
            .config("helper_timeout: 12s")
            .start(dir)) {
      Instant started = Instant.now();
      stack.awaitProvisioned(NODES, Duration.ofMinutes(20));
      Duration took = Duration.between(started, Instant.now());
      ChaosCounts counts =
          stack.record("helper takes 8 s for 10% of nodes (subprocess)", 1, NODES / 10, took);
      stack.assertNothingLost(counts);
    }
  }
}
