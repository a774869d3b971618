package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.DecodedReply;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.LifecycleCodec;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcRequest;
import io.fleetwright.testing.Fixtures;
import io.nats.client.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private NatsServer nats;
  private Fleet fleet;
  private WireClient client;
  private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> eventProblems = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    nats = Fixtures.startNats();
    client = new WireClient(nats.url());
    Dispatcher lifecycle =
        client
            .connection()
            .createDispatcher(
                msg -> {
                  try {
                    LifecycleEvent event = LifecycleCodec.parse(msg.getSubject(), msg.getData());
                    if (!msg.getSubject().equals(event.subject())) {
                      eventProblems.add(msg.getSubject() + " carried " + event);
                    }
                    synchronized (events) {
                      events.add(event);
                      events.notifyAll();
                    }
                  } catch (RuntimeException e) {
                    eventProblems.add(e.getMessage());
                  }
                });
    lifecycle.subscribe("choria.lifecycle.event.>");
    client.connection().flush(Duration.ofSeconds(5));
    fleet =
        Fleet.builder()
            .nodes(3)
            .natsUrl(nats.url())
            .token("s3cret")
            .identityPattern("node%d.lab.local")
            .splayScale(0.01)
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    fleet.close();
    client.close();
    nats.close();
  }

  @Test
  void provisionsNodesThatThenAnswerInTheirMainCollective() throws Exception {
    awaitEvents(
        e -> e.type().equals("startup") && e.component().equals("provision_mode_server"), 3);
    Map<String, String> collectives =
        Map.of(
            "node1.lab.local",
            "mcollective",
            "node2.lab.local",
            "acme",
            "node3.lab.local",
            "mcollective");
    for (FleetNode node : fleet.nodes()) {
      provision(node.identity(), collectives.get(node.identity()));
    }
    for (FleetNode node : fleet.nodes()) {
      fleet.awaitMode(node.identity(), NodeMode.PROVISIONED, TIMEOUT);
    }
    awaitEvents(e -> e.type().equals("startup") && e.component().equals("server"), 3);
    assertEquals(
        3,
        count(
            e -> e.type().equals("provisioned") && e.component().equals("provision_mode_server")));
    assertEquals(
        3,
        count(e -> e.type().equals("shutdown") && e.component().equals("provision_mode_server")));
    assertEquals(List.of(), eventProblems);

    RpcReply inventory =
        client.call("acme", "node2.lab.local", RpcRequest.of("rpcutil", "inventory"), TIMEOUT);
    assertEquals("acme", inventory.data().get("main_collective"));
    assertEquals(List.of("acme"), inventory.data().get("collectives"));

    List<DecodedReply> found = client.discover("mcollective", Filter.empty(), Integer.MAX_VALUE);
    Set<String> senders = new HashSet<>();
    found.forEach(r -> senders.add(r.headers().mcSender()));
    assertEquals(Set.of("node1.lab.local", "node3.lab.local"), senders);
    assertEquals(
        List.of(),
        client.discover("provisioning", Filter.agent("choria_provision"), Integer.MAX_VALUE),
        "provisioned nodes left the provisioning collective");
    for (FleetNode node : fleet.nodes()) {
      assertEquals(1, node.configureCount(), node.identity());
      assertFalse(node.privateKeyLeaked(), node.identity());
      assertTrue(node.certificate().isPresent(), node.identity());
    }
  }

  @Test
  void refusesAStrangerWhileAProvisionerHoldsTheLock() throws Exception {
    RpcReply first =
        client.call(
            "provisioning", "node1.lab.local", rpc("jwt", Map.of("token", "s3cret")), TIMEOUT);
    assertEquals(0, first.statusCode(), first.toString());
    try (WireClient.Stranger stranger = new WireClient.Stranger(nats.url())) {
      RpcReply refused =
          stranger.call("node1.lab.local", rpc("gencsr", Map.of("token", "s3cret")), TIMEOUT);
      assertEquals("Could not obtain provisioning lock", refused.statusMsg());
    }
  }

  private void provision(String identity, String collective) throws Exception {
    RpcReply inventory =
        client.call("provisioning", identity, RpcRequest.of("rpcutil", "inventory"), TIMEOUT);
    assertEquals("0.30.2", inventory.data().get("version"));
    RpcReply csr =
        client.call(
            "provisioning",
            identity,
            rpc("gencsr", Map.of("token", "s3cret", "cn", identity)),
            TIMEOUT);
    assertEquals(0, csr.statusCode(), csr.toString());
    assertTrue(((String) csr.data().get("csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    Map<String, Object> configure = new LinkedHashMap<>();
    configure.put("action_policies", Map.of());
    configure.put("ca", "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
    configure.put("certificate", "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n");
    configure.put(
        "config",
        "{\"plugin.choria.server.provision\":\"false\",\"main_collective\":\""
            + collective
            + "\",\"collectives\":\""
            + collective
            + "\",\"loglevel\":\"info\"}");
    configure.put("ecdh_public", "");
    configure.put("key", "");
    configure.put("opa_policies", Map.of());
    configure.put("server_jwt", "");
    configure.put("ssldir", csr.data().get("ssldir"));
    configure.put("token", "s3cret");
    RpcReply configured =
        client.call("provisioning", identity, rpc("configure", configure), TIMEOUT);
    assertEquals(
        "Wrote 5 lines to /etc/choria/server.conf",
        configured.data().get("message"),
        configured.toString());
    RpcReply restart =
        client.call(
            "provisioning",
            identity,
            rpc("restart", Map.of("splay", 1, "token", "s3cret")),
            TIMEOUT);
    assertEquals(
        "Restarting Choria Server after 2s", restart.data().get("message"), restart.toString());
  }

  private static RpcRequest rpc(String action, Map<String, Object> data) {
    return new RpcRequest("choria_provision", action, data);
  }

  private long count(Predicate<LifecycleEvent> filter) {
    return events.stream().filter(filter).count();
  }

  private void awaitEvents(Predicate<LifecycleEvent> filter, int expected) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (count(filter) < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + expected + " matching events, got " + new ArrayList<>(events));
      }
      Thread.onSpinWait();
    }
  }
}
