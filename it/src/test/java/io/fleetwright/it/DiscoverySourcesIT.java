package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.api.WorkflowIds;
import io.fleetwright.api.WorkflowSummaries;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each discovery source finds the fleet on its own, with the other two off: the emulated nodes
 * announce a startup event, publish registration data and answer broadcast discovery, and every
 * node's run, as Temporal recorded it, names the one source that is on.
 */
class DiscoverySourcesIT {
  private static final int NODES = 3;

  @ParameterizedTest(name = "{0} alone")
  @ValueSource(strings = {"lifecycle", "registration", "broadcast"})
  void eachSourceAloneFindsEveryNodeAndNoOtherSourceStartsOne(String source) throws Exception {
    Path helper = Path.of("src/test/resources/helpers/shutdown-first.py").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      var config =
          ConfigLoader.parse(
              """
              helper: "/usr/bin/python3 %s"
              token: sources
              site: sources
              interval: 2s
              loglevel: warn
              temporal: {target: "%s"}
              nats: {servers: ["%s"]}
              discovery: {lifecycle: %s, registration: %s, broadcast: %s}
              """
                  .formatted(
                      helper,
                      temporal.target(),
                      nats.url(),
                      source.equals("lifecycle"),
                      source.equals("registration"),
                      source.equals("broadcast")));
      try (Provisioner p = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token("sources")
                  .registration(true)
                  .identityPattern("sources-%d.example.net")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(1),
            () -> ended(p) == NODES,
            () -> p.operator().countsByState() + ", fleet " + fleet.countsByMode());
        Map<String, String> foundBy = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        for (FleetNode node : fleet.nodes()) {
          expected.put(node.identity(), source);
          foundBy.put(node.identity(), discoveredBy(p, node.identity()).orElse("(none)"));
        }
        assertEquals(expected, foundBy, "the source each node's run names");
        assertEquals(NODES - 1, fleet.count(NodeMode.PROVISIONED), fleet.countsByMode()::toString);
      }
    }
  }

  private static long ended(Provisioner p) {
    Map<String, Long> c = p.operator().countsByState();
    return c.get("PROVISIONED") + c.get("FAILED") + c.get("SHUT_DOWN");
  }

  private static Optional<String> discoveredBy(Provisioner p, String identity) {
    return WorkflowSummaries.source(
        p.client()
            .newUntypedWorkflowStub(WorkflowIds.node(identity))
            .describe()
            .getStaticSummary());
  }
}
