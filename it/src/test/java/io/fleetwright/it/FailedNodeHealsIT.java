package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.discovery.NodeStarter;
import io.fleetwright.app.discovery.TemporalNodeRuns;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.micrometer.core.instrument.Counter;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FAILED node heals on the emulated fleet (issue 14): one that starts up again after its failure
 * is provisioned again at once, one that broadcast discovery sees after {@code
 * failed_retry.backoff} is too, and a CANCELLED one that starts up again waits for an operator.
 * Each test has its own provisioner, task queue and identities on shared servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedNodeHealsIT {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private NatsServer nats;
  private TemporalDevServer temporal;

  @BeforeAll
  void startServers() {
    nats = Fixtures.startNats();
    temporal = Fixtures.startTemporal();
  }

  @AfterAll
  void stopServers() {
    temporal.close();
    nats.close();
  }

  @Test
  void aFailedNodeThatStartsUpAgainIsProvisionedAgainAtOnce(@TempDir Path state) {
    // Back-off and broadcast interval of an hour: only the startup event can heal the node.
    try (Provisioner provisioner = provisioner("boot", "fails-once.py", state, "1h", "1h");
        Fleet fleet = fleet("node-%05d.boot.example.net")) {
      String node = "node-00002.boot.example.net";
      NodeStarter.LastRun failed = awaitClosed(provisioner, node);
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, failed.status());
      fleet.awaitMode("node-00001.boot.example.net", NodeMode.PROVISIONED, WAIT);

      // A startup event carries whole seconds: boot in a later second than the failure.
      awaitSecondAfter(failed.closedAt());
      fleet.node(node).orElseThrow().reboot();

      fleet.awaitMode(node, NodeMode.PROVISIONED, WAIT);
      assertHealed(provisioner, node, failed);
    }
  }

  @Test
  void aFailedNodeThatDiscoverySeesAfterTheBackOffIsProvisionedAgain(@TempDir Path state) {
    try (Provisioner provisioner = provisioner("scan", "fails-once.py", state, "2s", "1s");
        Fleet fleet = fleet("node-%05d.scan.example.net")) {
      String node = "node-00002.scan.example.net";
      NodeStarter.LastRun failed = awaitClosed(provisioner, node);
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, failed.status());

      fleet.awaitMode(node, NodeMode.PROVISIONED, WAIT);
      assertHealed(provisioner, node, failed);
    }
  }

  @Test
  void aCancelledNodeThatStartsUpAgainWaitsForAnOperator(@TempDir Path gate) {
    try (Provisioner provisioner = provisioner("stop", "gated.py", gate, "2s", "1h");
        Fleet fleet = fleet("node-%05d.stop.example.net")) {
      String node = "node-00001.stop.example.net";
      FleetOperator operator = provisioner.operator();
      Await.until(
          WAIT,
          () -> provisioner.operator().count(deferredQuery(node)) == 1,
          () -> "waiting for " + node + " to be DEFERRED: " + operator.countsByState());
      operator.cancel(node);
      NodeStarter.LastRun cancelled = awaitClosed(provisioner, node);
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, cancelled.status());
      double waitingBefore = sightings(provisioner, "waiting_for_operator");

      awaitSecondAfter(cancelled.closedAt());
      fleet.node(node).orElseThrow().reboot();

      // The startup event is handled (and left alone) once the counter moves.
      Await.until(
          WAIT,
          () -> sightings(provisioner, "waiting_for_operator") > waitingBefore,
          () -> "no sighting of the rebooted " + node + " was handled: " + counters(provisioner));
      NodeStarter.LastRun latest = runs(provisioner).latest(node);
      assertEquals(cancelled, latest);
      assertEquals(1, runsOf(provisioner, node).size());
    }
  }

  private Provisioner provisioner(
      String name, String helper, Path state, String backoff, String interval) {
    Path script = Path.of("src/test/resources/helpers", helper).toAbsolutePath();
    assertTrue(Files.isRegularFile(script), script.toString());
    return Provisioner.start(
        ConfigLoader.parse(
            """
            helper: "/usr/bin/python3 %s %s"
            token: it-token
            identity: fleetwright.heal-it
            interval: %s
            loglevel: warn
            temporal:
              target: "%s"
              task_queue: heal-%s
            nats:
              servers: ["%s"]
            defer:
              initial_delay: 1h
            failed_retry:
              backoff: %s
            """
                .formatted(script, state, interval, temporal.target(), name, nats.url(), backoff)));
  }

  private Fleet fleet(String pattern) {
    return Fleet.builder()
        .nodes(3)
        .natsUrl(nats.url())
        .token("it-token")
        .identityPattern(pattern)
        .splayScale(0.01)
        .build()
        .start();
  }

  private static TemporalNodeRuns runs(Provisioner provisioner) {
    return new TemporalNodeRuns(provisioner.client(), "unused");
  }

  private static NodeStarter.LastRun awaitClosed(Provisioner provisioner, String node) {
    NodeStarter.LastRun[] last = new NodeStarter.LastRun[1];
    Await.until(
        WAIT,
        () -> {
          try {
            last[0] = runs(provisioner).latest(node);
          } catch (RuntimeException e) {
            return false; // not started yet
          }
          return last[0].closedAt() != null;
        },
        () -> node + ": " + last[0]);
    return last[0];
  }

  /** The node's latest run completed PROVISIONED, and it is the second of exactly two. */
  private static void assertHealed(
      Provisioner provisioner, String node, NodeStarter.LastRun failed) {
    NodeStarter.LastRun healed = awaitClosed(provisioner, node);
    assertNotEquals(failed.runId(), healed.runId(), "no new run of " + node);
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, healed.status());
    assertEquals("PROVISIONED", provisioner.operator().status(node).state().name());
    Await.until(
        WAIT,
        () -> runsOf(provisioner, node).size() == 2,
        () -> node + " runs in visibility: " + runsOf(provisioner, node));
  }

  private static List<String> runsOf(Provisioner provisioner, String node) {
    try (Stream<WorkflowExecutionMetadata> all =
        provisioner.client().listExecutions("WorkflowId = '" + WorkflowIds.node(node) + "'")) {
      return all.map(m -> m.getExecution().getRunId() + " " + m.getStatus()).toList();
    }
  }

  private static String deferredQuery(String node) {
    return "WorkflowId = '" + WorkflowIds.node(node) + "' AND ProvisioningState = 'DEFERRED'";
  }

  private static double sightings(Provisioner provisioner, String outcome) {
    Counter counter =
        provisioner
            .registry()
            .find("choria_provisioner_sightings")
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static String counters(Provisioner provisioner) {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("choria_provisioner_sightings", "choria_provisioner_discovered")) {
      provisioner
          .registry()
          .find(name)
          .counters()
          .forEach(c -> out.append(c.getId()).append('=').append(c.count()).append("; "));
    }
    return out.toString();
  }

  private static void awaitSecondAfter(Instant instant) {
    Await.until(
        Duration.ofSeconds(5),
        () -> Instant.now().getEpochSecond() > instant.getEpochSecond(),
        () -> "the clock to pass " + instant);
  }
}
