package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.ThreadDumps;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on real parts: nats-server, the Temporal dev server, 1,000 emulated nodes and
 * the provisioner. 10% of the nodes defer twice and 2% fail permanently.
 */
class ProvisioningIT {
  private static final int NODES = 1000;
  private static final int FAILING = NODES / 50;
  private static final int DEFERRING = NODES / 10;

  @Test
  void aThousandNodesEndInExactlyTheExpectedStatesWithOneWorkflowEach(@TempDir Path state)
      throws Exception {
    Path helper = Path.of("src/test/resources/helpers/scripted.py").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      ProvisionerConfig config =
          ConfigLoader.parse(
              """
              helper: "/usr/bin/python3 %s %s"
              token: it-token
              site: it
              identity: fleetwright.it
              interval: 1h
              workers: 64
              loglevel: warn
              temporal:
                target: "%s"
              nats:
                servers: ["%s"]
              defer:
                initial_delay: 500ms
                max_delay: 1s
                max_attempts: 5
              """
                  .formatted(helper, state, temporal.target(), nats.url()));
      java.time.Instant fleetStarted = java.time.Instant.now();
      try (Provisioner provisioner = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token("it-token")
                  .seed(7)
                  .splayScale(0.02)
                  .build()
                  .start()) {
        FleetOperator operator = provisioner.operator();
        Await.until(
            Duration.ofMinutes(10),
            () ->
                fleet.count(NodeMode.PROVISIONED) == NODES - FAILING
                    && operator.countsByState().get("FAILED") == FAILING,
            () ->
                "provisioned "
                    + fleet.count(NodeMode.PROVISIONED)
                    + ", states "
                    + operator.countsByState(),
            () -> ThreadDumps.printThisJvm("nodes not provisioned in time"));

        Map<String, Long> counts = operator.countsByState();
        assertEquals(NODES - FAILING, counts.get("PROVISIONED"), counts::toString);
        assertEquals(FAILING, counts.get("FAILED"), counts::toString);
        assertEquals(
            NODES, counts.values().stream().mapToLong(Long::longValue).sum(), counts::toString);

        List<WorkflowExecutionMetadata> runs = allNodeRuns(provisioner);
        Map<String, Long> runsPerNode =
            runs.stream()
                .collect(
                    Collectors.groupingBy(
                        m -> m.getExecution().getWorkflowId(), Collectors.counting()));
        assertEquals(NODES, runsPerNode.size(), "one workflow ID per node");
        assertTrue(
            runsPerNode.values().stream().allMatch(n -> n == 1),
            "nodes with more than one run: "
                + runsPerNode.entrySet().stream().filter(e -> e.getValue() > 1).toList());

        long deferredTwice =
            operator.nodes(java.util.Optional.empty(), NODES).stream()
                .filter(
                    m ->
                        Long.valueOf(3)
                            .equals(
                                m.getTypedSearchAttributes()
                                    .get(
                                        io.fleetwright.api.SearchAttributeKeys
                                            .PROVISIONING_ATTEMPT)))
                .count();
        assertEquals(DEFERRING, deferredTwice, "nodes that needed a third attempt");

        report(runs, fleetStarted);
        for (FleetNode node : fleet.nodes()) {
          int expected = node.mode() == NodeMode.PROVISIONED ? 1 : 0;
          assertEquals(expected, node.configureCount(), node.identity() + " configured");
        }
      }
    }
  }

  /** Prints throughput and discovery-to-restart latency; figures, never assertions. */
  private static void report(List<WorkflowExecutionMetadata> runs, java.time.Instant started) {
    List<Long> millis =
        runs.stream()
            .filter(
                m ->
                    "PROVISIONED"
                        .equals(
                            m.getTypedSearchAttributes()
                                .get(io.fleetwright.api.SearchAttributeKeys.PROVISIONING_STATE)))
            .map(m -> Duration.between(m.getStartTime(), m.getCloseTime()).toMillis())
            .sorted()
            .toList();
    java.time.Instant lastClose =
        runs.stream()
            .map(WorkflowExecutionMetadata::getCloseTime)
            .filter(java.util.Objects::nonNull)
            .max(java.time.Instant::compareTo)
            .orElseThrow();
    double seconds = Duration.between(started, lastClose).toMillis() / 1000.0;
    System.out.printf(
        "ProvisioningIT: %d nodes settled in %.1fs (%.0f nodes/min); discovery-to-restart p50 %d ms,"
            + " p99 %d ms (deferred nodes included)%n",
        runs.size(),
        seconds,
        runs.size() * 60 / seconds,
        millis.get(millis.size() / 2),
        millis.get((int) Math.min(millis.size() - 1, Math.round(millis.size() * 0.99))));
  }

  private static List<WorkflowExecutionMetadata> allNodeRuns(Provisioner provisioner) {
    return provisioner.operator().nodes(java.util.Optional.empty(), 10 * NODES);
  }
}
