package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.WorkflowIds;
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
import org.junit.jupiter.api.Test;

/**
 * A helper's {@code shutdown} ends the node SHUT_DOWN: the node's run returns that state and its
 * search attribute says so, and the emulated node got {@code choria_provision#shutdown} and no
 * configuration; its neighbour, configured by the same helper, is PROVISIONED.
 */
class HelperShutdownIT {
  private static final String SHUT = "shutdown-1.example.net";
  private static final String KEPT = "shutdown-2.example.net";

  @Test
  void aNodeTheHelperShutsDownEndsShutDownInTemporal() throws Exception {
    Path helper = Path.of("src/test/resources/helpers/shutdown-first.py").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      var config =
          ConfigLoader.parse(
              """
              helper: "/usr/bin/python3 %s"
              token: bye
              site: shutdown
              interval: 1h
              loglevel: warn
              temporal: {target: "%s"}
              nats: {servers: ["%s"]}
              """
                  .formatted(helper, temporal.target(), nats.url()));
      try (Provisioner p = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(2)
                  .natsUrl(nats.url())
                  .token("bye")
                  .identityPattern("shutdown-%d.example.net")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(1),
            () -> {
              Map<String, Long> c = p.operator().countsByState();
              return c.get("SHUT_DOWN") == 1 && c.get("PROVISIONED") == 1;
            },
            () -> p.operator().countsByState() + ", fleet " + fleet.countsByMode());
        assertEquals(
            ProvisioningState.SHUT_DOWN, result(p, SHUT).state(), result(p, SHUT)::toString);
        assertEquals(
            ProvisioningState.PROVISIONED, result(p, KEPT).state(), result(p, KEPT)::toString);
        FleetNode shut = fleet.node(SHUT).orElseThrow();
        // Like the real agent, the emulated node stops a splay after it answered shutdown, so
        // Temporal may record SHUT_DOWN before the node has gone.
        Await.until(
            Duration.ofSeconds(30),
            () -> shut.mode() == NodeMode.SHUT_DOWN,
            () -> SHUT + " mode " + shut.mode());
        assertEquals(1, shut.shutdownCount(), SHUT + " shutdown calls");
        assertEquals(0, shut.configureCount(), SHUT + " configure calls");
        assertEquals(NodeMode.PROVISIONED, fleet.node(KEPT).orElseThrow().mode(), KEPT + " mode");
      }
    }
  }

  private static ProvisionResult result(Provisioner p, String identity) {
    return p.client()
        .newUntypedWorkflowStub(WorkflowIds.node(identity))
        .getResult(ProvisionResult.class);
  }
}
