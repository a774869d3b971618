package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** What the crash and restart tests share: the worker config, a Temporal client, the end checks. */
final class ChaosFleet {
  static final String TOKEN = "chaos-token";

  private ChaosFleet() {}

  /**
   * Writes a worker config (in-process JavaScript helper, /metrics on a free port) to {@code dir}.
   */
  static Path writeConfig(Path dir, String name, String natsUrls, String temporalTarget) {
    Path helper = Path.of("src/test/resources/helpers/chaos.js").toAbsolutePath();
    String yaml =
        """
        helper: "%s"
        token: %s
        site: chaos
        identity: fleetwright.chaos
        interval: 10s
        loglevel: warn
        workers: 64
        monitor_port: %d
        monitor_address: 127.0.0.1
        temporal:
          target: "%s"
        nats:
          servers: [%s]
        """
            .formatted(helper, TOKEN, FreePorts.next(), temporalTarget, natsUrls);
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the worker config to " + dir, e);
    }
  }

  /** A Temporal client of the test's own, to read the workflows' states from visibility. */
  static TemporalConnection temporal(String target) {
    return TemporalConnection.connect(
        target, "default", new SimpleMeterRegistry(), DefaultDataConverter.newDefaultInstance());
  }

  static FleetOperator operator(TemporalConnection connection) {
    return new FleetOperator(connection.client(), "default", "provisioning");
  }

  /** The first few workflow runs not PROVISIONED, with their last message. */
  private static List<String> notProvisioned(FleetOperator operator) {
    return operator.nodes(java.util.Optional.empty(), 100_000).stream()
        .filter(
            m ->
                !"PROVISIONED"
                    .equals(
                        m.getTypedSearchAttributes()
                            .get(io.fleetwright.api.SearchAttributeKeys.PROVISIONING_STATE)))
        .limit(10)
        .map(
            m -> {
              String id = m.getExecution().getWorkflowId();
              try {
                return id + " " + m.getStatus() + ": " + operator.status(id).lastMessage();
              } catch (RuntimeException e) {
                return id + " " + m.getStatus() + " (" + e.getMessage() + ")";
              }
            })
        .toList();
  }

  /** Every node provisioned, configured with one configuration only, one workflow each, done. */
  static void assertNothingLost(Fleet fleet, FleetOperator operator, int nodes, String log) {
    for (FleetNode node : fleet.nodes()) {
      assertEquals(NodeMode.PROVISIONED, node.mode(), node.identity() + "; worker log " + log);
      assertEquals(
          1,
          new HashSet<>(node.configureHistory()).size(),
          node.identity() + " configurations " + node.configureHistory());
    }
    Await.until(
        Duration.ofMinutes(2),
        () -> operator.countsByState().getOrDefault("PROVISIONED", 0L) == nodes,
        () ->
            "every workflow PROVISIONED in visibility: "
                + operator.countsByState()
                + "; not PROVISIONED: "
                + notProvisioned(operator)
                + "; worker log "
                + log);
    Map<String, Long> states = operator.countsByState();
    long total = states.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(nodes, total, "workflows by state " + states);
    assertEquals(nodes, operator.count(FleetOperator.nodeQuery(java.util.Optional.empty())));
  }
}
