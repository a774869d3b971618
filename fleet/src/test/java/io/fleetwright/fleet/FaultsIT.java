package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.RpcResult;
import io.fleetwright.protocol.RpcTimeoutException;
import io.fleetwright.testing.Fixtures;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scripted failure points, seen from a provisioner over a real nats-server. */
class FaultsIT {
  private static final Duration SHORT = Duration.ofSeconds(2);
  private static final Map<String, Object> CONFIGURE =
      Map.of("token", "s3cret", "config", "{\"plugin.choria.server.provision\":\"false\"}");
  private NatsServer nats;
  private Fleet fleet;
  private ChoriaClient client;

  @BeforeEach
  void start() {
    nats = Fixtures.startNats();
    fleet =
        Fleet.builder()
            .nodes(4)
            .natsUrl(nats.url())
            .identityPattern("n%d.lab")
            .token("s3cret")
            .splayScale(0.01)
            .faults(
                FaultPlan.builder()
                    .nodes(Fault.CRASH_AFTER_CONFIGURE, "n1.lab")
                    .nodes(Fault.NEVER_RETURN_AFTER_RESTART, "n2.lab")
                    .nodes(Fault.DROP_REPLIES, "n3.lab")
                    .build())
            .build()
            .start();
    client =
        ChoriaClient.builder().natsUrl(nats.url()).identity("provisioner.test.local").connect();
  }

  @AfterEach
  void stop() {
    client.close();
    fleet.close();
    nats.close();
  }

  @Test
  void crashesAfterAnsweringConfigureSoRestartIsNeverAnswered() {
    RpcResult configured = client.call("n1.lab", "choria_provision", "configure", CONFIGURE, SHORT);
    assertTrue(configured.ok(), configured.toString());
    assertThrows(
        RpcTimeoutException.class,
        () ->
            client.call("n1.lab", "choria_provision", "restart", Map.of("token", "s3cret"), SHORT));
    assertEquals(NodeMode.GONE, fleet.node("n1.lab").orElseThrow().mode());
    assertEquals(1, fleet.node("n1.lab").orElseThrow().configureCount());
  }

  @Test
  void answersRestartButNeverComesBack() {
    assertTrue(client.call("n2.lab", "choria_provision", "configure", CONFIGURE, SHORT).ok());
    RpcResult restart =
        client.call(
            "n2.lab", "choria_provision", "restart", Map.of("token", "s3cret", "splay", 1), SHORT);
    assertEquals("Restarting Choria Server after 2s", restart.data().get("message"));
    fleet.awaitMode("n2.lab", NodeMode.GONE, Duration.ofSeconds(10));
  }

  @Test
  void dropsRepliesWhileTheOthersAnswer() {
    assertThrows(
        RpcTimeoutException.class,
        () -> client.call("n3.lab", "rpcutil", "inventory", null, SHORT));
    assertTrue(client.call("n4.lab", "rpcutil", "inventory", null, SHORT).ok());
    assertEquals(Set.of("n1.lab", "n2.lab", "n4.lab"), client.discover(Duration.ofSeconds(2)));
  }
}
