package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.ThreadDumps;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An in-process helper stuck in an endless loop fails its own node; the others carry on. */
class HelperLoopIT {
  private static final int NODES = 10;

  @Test
  void anEndlessLoopInAJavaScriptHelperFailsOnlyItsNode() {
    Path helper = Path.of("src/test/resources/helpers/looping.js").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      ProvisionerConfig config =
          ConfigLoader.parse(
              """
              helper: "%s"
              helper_timeout: 1s
              token: loop
              interval: 1h
              loglevel: warn
              temporal: {target: "%s"}
              nats: {servers: ["%s"]}
              """
                  .formatted(helper, temporal.target(), nats.url()));
      try (Provisioner p = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token("loop")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(3),
            () ->
                fleet.count(NodeMode.PROVISIONED) == NODES - 2
                    && p.operator().countsByState().get("FAILED") == 2,
            () ->
                fleet.count(NodeMode.PROVISIONED)
                    + " provisioned, states "
                    + p.operator().countsByState(),
            () -> ThreadDumps.printThisJvm("nodes not provisioned in time"));
        NodeStatus looping = p.operator().status("node-00002.fleet.example.net");
        assertEquals(ProvisioningState.FAILED, looping.state());
        assertTrue(
            looping.lastMessage().contains("HELPER_TIMEOUT")
                || looping.lastMessage().toLowerCase().contains("time"),
            looping.lastMessage());
        assertEquals(
            NodeMode.PROVISIONING, fleet.node("node-00005.fleet.example.net").orElseThrow().mode());
      }
    }
  }
}
