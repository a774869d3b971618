package io.fleetwright.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.Features;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.protocol.NodeIdentity;
import io.fleetwright.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A sighting that arrives while another sighting of the same node is with the starter is handled
 * after it, not dropped: a rebooted, cancelled node's startup event right behind its registration
 * data must still reach the starter (it failed FailedNodeHealsIT in CI when it was dropped).
 */
class DiscoveryQueueTest {
  private static final NodeIdentity NODE = NodeIdentity.of("node-00001.queue.example.net");

  @Test
  void aSecondSightingOfANodeWaitsForTheFirstInsteadOfBeingDropped() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    NodeStarter.Runs runs =
        new NodeStarter.Runs() {
          @Override
          public Optional<String> startFirst(ProvisionInput input) {
            handled.add(input.discoveredBy());
            if (handled.size() == 1) {
              firstHeld.countDown();
              await(release);
            }
            return Optional.empty(); // the node has a run: the cancelled one
          }

          @Override
          public NodeStarter.LastRun latest(String identity) {
            return new NodeStarter.LastRun(
                "run-1",
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
                Instant.now().minusSeconds(5));
          }

          @Override
          public Optional<String> startAgain(ProvisionInput input, WorkflowIdReusePolicy reuse) {
            throw new AssertionError("a cancelled node is never started again by discovery");
          }
        };
    NodeStarter starter =
        new NodeStarter(
            runs,
            (identity, source) ->
                ProvisionInput.of(identity.value(), "test", Features.NONE, source.label()),
            () -> false,
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofMinutes(5),
            Clock.systemUTC());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Discovery discovery =
        new Discovery(
            null,
            starter,
            new NodeAdmission(4, NodeAdmission.EXPIRY, Clock.systemUTC()),
            ConfigLoader.parse(""),
            registry);
    try {
      discovery.startAdmitting();
      discovery.seen(NODE, NodeStarter.Source.REGISTRATION, Instant.EPOCH);
      assertTrue(firstHeld.await(10, TimeUnit.SECONDS), "the first sighting reached the starter");
      discovery.seen(NODE, NodeStarter.Source.LIFECYCLE, Instant.now());
      // The admitter takes the second sighting while the first is still with the starter.
      Await.until(
          Duration.ofSeconds(10),
          () -> discovery.queuedCount() == 0,
          () -> discovery.queuedCount() + " sightings still queued");
      release.countDown();

      Await.until(
          Duration.ofSeconds(10),
          () -> handled.size() == 2 && outcomes(registry, "waiting_for_operator") == 2,
          () -> "handled " + handled + ", " + registry.getMetersAsString());
      assertEquals(List.of("registration", "lifecycle"), handled);
      assertEquals(0, discovery.waitingCount());
      assertTrue(
          discovery.takenCount() >= 2,
          "the stall watch sees discovery take sightings: " + discovery.takenCount());
    } finally {
      release.countDown();
      discovery.close();
    }
  }

  private static double outcomes(SimpleMeterRegistry registry, String outcome) {
    var counter = registry.find("choria_provisioner_sightings").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
