package io.fleetwright.it;

import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nats-server is restarted mid-run, then the Temporal dev server on the same SQLite file: the
 * outcome is that of an undisturbed run, every node PROVISIONED once, none lost, configured twice
 * or restarted twice.
 */
class ServerRestartChaosIT {
  private static final int NODES = 500;

  @Test
  void restartingNatsAndTemporalMidRunLosesNoNode(@TempDir Path dir) {
    try (ChaosStack stack =
        ChaosStack.builder("ServerRestartChaosIT").nodes(NODES).seed(23).start(dir)) {
      Fleet fleet = stack.fleet();
      stack.awaitProvisioned(NODES / 5, Duration.ofMinutes(8));
      Set<String> natsAffected = pending(fleet);
      Instant natsRestarted = Instant.now();
      stack.nats().restart();
      stack.awaitProvisioned(NODES / 2, Duration.ofMinutes(8));
      Set<String> temporalAffected = pending(fleet);
      Instant temporalRestarted = Instant.now();
      stack.temporal().restart();
      Duration temporalRecovery = awaitAll(stack, temporalAffected, temporalRestarted);
      Duration natsRecovery = awaitAll(stack, natsAffected, natsRestarted);
      // Each node counts once: under the last fault that found it in flight.
      Set<String> natsOnly =
          natsAffected.stream()
              .filter(id -> !temporalAffected.contains(id))
              .collect(Collectors.toSet());
      ChaosResults.record(
          "nats-server restarted mid-run",
          1,
          natsAffected.size(),
          ChaosCounts.of(fleet, natsOnly),
          natsRecovery);
      ChaosResults.record(
          "Temporal dev server restarted mid-run (same SQLite file)",
          1,
          temporalAffected.size(),
          ChaosCounts.of(fleet, temporalAffected),
          temporalRecovery);
      stack.assertNothingLost(stack.counts());
    }
  }

  private static Set<String> pending(Fleet fleet) {
    return fleet.nodes().stream()
        .filter(n -> n.mode() != NodeMode.PROVISIONED)
        .map(FleetNode::identity)
        .collect(Collectors.toSet());
  }

  /** Waits until every affected node is provisioned; returns the time since the fault. */
  private static Duration awaitAll(ChaosStack stack, Set<String> affected, Instant since) {
    stack.await(
        Duration.ofMinutes(10),
        () ->
            affected.stream()
                .allMatch(
                    id -> stack.fleet().node(id).orElseThrow().mode() == NodeMode.PROVISIONED),
        () -> "all " + affected.size() + " affected nodes PROVISIONED");
    return Duration.between(since, Instant.now());
  }
}
