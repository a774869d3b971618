package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.FaultPlan;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker is stopped with SIGSTOP for 30 s (three workflow-task timeouts) while nodes are
 * between {@code configure} and {@code restart}, then continued: no node is lost, configured twice
 * or restarted twice.
 *
 * <p>A quarter of the nodes answer {@code configure} only 2 s after they wrote their configuration,
 * so that at any moment some nodes are configured and not yet told to restart; the test stops the
 * worker once at least {@value #IN_WINDOW} are, and fails unless {@value #LANDED} still are once it
 * has stopped.
 */
class WorkerStopChaosIT {
  private static final int NODES = 1500;
  private static final int IN_WINDOW = 5;

  /**
   * Nodes still between the steps once the worker is stopped. Fewer than {@link #IN_WINDOW}: a
   * restart request already on the wire when the worker stops is still answered (a loaded host saw
   * 5 before the stop and 3 after it). Waiting for more than 5 is no fix: on a quiet host all 1500
   * nodes finished without 10 in the window at any one sample.
   */
  private static final int LANDED = 2;

  private static final Duration STOPPED = Duration.ofSeconds(30);

  @Test
  void aWorkerStoppedBetweenConfigureAndRestartAppliesEachStepOnce(@TempDir Path dir)
      throws InterruptedException {
    try (ChaosStack stack =
        ChaosStack.builder("WorkerStopChaosIT")
            .nodes(NODES)
            .seed(53)
            .pki()
            .faults(FaultPlan.builder().slowConfigureReplies(Duration.ofSeconds(2), 25).build())
            .start(dir)) {
      Fleet fleet = stack.fleet();
      stack.await(
          Duration.ofMinutes(10),
          () ->
              fleet.count(NodeMode.PROVISIONED) >= NODES / 10
                  && betweenConfigureAndRestart(fleet) >= IN_WINDOW,
          () -> betweenConfigureAndRestart(fleet) + " nodes between configure and restart");
      stack.worker().suspend();
      Instant stopped = Instant.now();
      int inWindow = betweenConfigureAndRestart(fleet);
      int affected = NODES - fleet.count(NodeMode.PROVISIONED);
      Thread.sleep(STOPPED);
      stack.worker().resume();
      stack.awaitProvisioned(NODES, Duration.ofMinutes(15));
      Duration recovery = Duration.between(stopped, Instant.now());
      System.out.println(
          "chaos: "
              + inWindow
              + " nodes were between configure and restart when the worker stopped");
      ChaosCounts counts =
          stack.record(
              "worker stopped with SIGSTOP for 30 s between configure and restart",
              1,
              affected,
              recovery);
      assertTrue(
          inWindow >= LANDED,
          "the stop landed between configure and restart for " + inWindow + " nodes");
      stack.assertNothingLost(counts);
    }
  }

  /** Nodes that wrote a configuration and were not yet told to restart. */
  static int betweenConfigureAndRestart(Fleet fleet) {
    int count = 0;
    for (FleetNode node : fleet.nodes()) {
      if (node.configureCount() > 0
          && node.restartCount() == 0
          && node.mode() == NodeMode.PROVISIONING) {
        count++;
      }
    }
    return count;
  }
}
