package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.DecodedReply;
import io.fleetwright.protocol.FactFilter;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.Request;
import io.fleetwright.protocol.RequestEnvelope;
import io.fleetwright.protocol.Requests;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcRequest;
import io.fleetwright.protocol.TransportHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestHandlerTest {
  private static final String REPLY_TO = "provisioning.reply.590e5db785697467c32f9797eeba6bab.x";
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private final FakeWire wire = new FakeWire();
  private final ChoriaCodec codec = new ChoriaCodec();
  private final RequestHandler handler = new RequestHandler(host.clock, 4096, Runnable::run);
  private final EmulatedNode n1 = node(1, "node1.lab.local", "nl");
  private final EmulatedNode n2 = node(2, "node2.lab.local", "de");
  private final EmulatedNode n3 = node(3, "web3.lab.local", "nl");

  private EmulatedNode node(int index, String identity, String country) {
    EmulatedNode node =
        new EmulatedNode(index, identity, Map.of("country", country), NodeFaults.NONE, host);
    wire.route("provisioning.node." + identity, node);
    wire.route("provisioning.broadcast.agent.discovery", node);
    return node;
  }

  private Instant now() {
    return host.clock.instant();
  }

  private byte[] rpc(
      String agent, String action, Map<String, Object> data, Filter filter, Instant time) {
    Request request =
        Requests.rpc(
            "provisioner.lab.local",
            "choria=provisioner.lab.local",
            "provisioning",
            new RpcRequest(agent, action, data),
            filter,
            60,
            time);
    return codec.encodeRequest(
        request, TransportHeaders.request(REPLY_TO, "provisioner.lab.local"));
  }

  private void send(String subject, byte[] body) {
    handler.handle(wire, subject, body);
  }

  private RpcReply onlyRpcReply() {
    assertEquals(1, wire.published.size(), "replies: " + wire.published.size());
    return codec.decodeReply(wire.published.get(0).body()).requireRpc();
  }

  @Test
  void answersADirectedInventoryWithAVerifiedReplyFromTheNode() {
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "inventory", Map.of(), Filter.agent("rpcutil"), now()));
    assertEquals(REPLY_TO, wire.published.get(0).subject());
    DecodedReply reply = codec.decodeReply(wire.published.get(0).body());
    assertEquals("node1.lab.local", reply.envelope().senderId());
    assertEquals("node1.lab.local", reply.headers().mcSender());
    assertEquals(
        List.of(List.of("nats://test:4222", "node1.lab.local", "nats://test:4222")),
        reply.headers().seenBy());
    RpcReply rpc = reply.requireRpc();
    assertEquals("inventory", rpc.action());
    assertEquals("0.30.2", rpc.data().get("version"));
  }

  @Test
  void answersADiscoveryPingFromEveryNodeTheFilterSelects() {
    Request ping =
        Requests.discovery(
            "p",
            "choria=p",
            "provisioning",
            Filter.agent("choria_provision").withIdentity("/^node/"),
            60,
            now());
    send(
        "provisioning.broadcast.agent.discovery",
        codec.encodeRequest(ping, TransportHeaders.request(REPLY_TO, "p")));
    Set<String> senders = new LinkedHashSet<>();
    for (FakeWire.Published p : wire.published) {
      DecodedReply reply = codec.decodeReply(p.body());
      assertEquals("pong", reply.message());
      senders.add(reply.headers().mcSender());
    }
    assertEquals(Set.of("node1.lab.local", "node2.lab.local"), senders);
  }

  @Test
  void selectsNodesByFact() {
    Request ping =
        Requests.discovery(
            "p",
            "choria=p",
            "provisioning",
            Filter.empty().withFact(new FactFilter("country", "==", "nl")),
            60,
            now());
    send(
        "provisioning.broadcast.agent.discovery",
        codec.encodeRequest(ping, TransportHeaders.request(REPLY_TO, "p")));
    assertEquals(2, wire.published.size());
  }

  @Test
  void staysSilentWhenThePingIsNotBase64() {
    RequestEnvelope envelope =
        RequestEnvelope.create(
            "p", "choria=p", "provisioning", "discovery", 60, now(), Filter.empty());
    send(
        "provisioning.node.node1.lab.local",
        codec.encodeRequest(Request.of("ping", envelope), TransportHeaders.request(REPLY_TO, "p")));
    assertEquals(List.of(), wire.published);
  }

  @Test
  void dropsMalformedJsonBadBase64AndOtherCollectives() {
    send("provisioning.node.node1.lab.local", "{\"protocol\":".getBytes(StandardCharsets.UTF_8));
    send(
        "provisioning.node.node1.lab.local",
        "{\"protocol\":\"choria:transport:1\",\"data\":\"!!not base64!!\",\"headers\":{}}"
            .getBytes(StandardCharsets.UTF_8));
    Request other =
        Requests.rpc(
            "p",
            "choria=p",
            "mcollective",
            RpcRequest.of("rpcutil", "ping"),
            Filter.empty(),
            60,
            now());
    send(
        "provisioning.node.node1.lab.local",
        new ChoriaCodec("mcollective", 4096)
            .encodeRequest(other, TransportHeaders.request(REPLY_TO, "p")));
    assertEquals(List.of(), wire.published);
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now()));
    assertEquals(1, wire.published.size(), "a good request is still answered");
  }

  @Test
  void dropsRequestsOutsideTheirTtlWindow() {
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now().minusSeconds(60)));
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now().plusSeconds(60)));
    assertEquals(List.of(), wire.published);
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now().minusSeconds(59)));
    assertEquals(1, wire.published.size());
  }

  @Test
  void dropsRequestsOverTheSizeLimit() {
    byte[] big = rpc("rpcutil", "ping", Map.of("pad", "x".repeat(1500)), Filter.empty(), now());
    RequestHandler small = new RequestHandler(host.clock, 1024, Runnable::run);
    small.handle(wire, "provisioning.node.node1.lab.local", big);
    assertEquals(List.of(), wire.published);
  }

  @Test
  void answersAnUndecodableRpcBodyWithStatusFour() {
    RequestEnvelope envelope =
        RequestEnvelope.create(
            "p", "choria=p", "provisioning", "rpcutil", 60, now(), Filter.empty());
    send(
        "provisioning.node.node1.lab.local",
        codec.encodeRequest(
            Request.of("{not json", envelope), TransportHeaders.request(REPLY_TO, "p")));
    RpcReply reply = onlyRpcReply();
    assertEquals(4, reply.statusCode());
    assertTrue(reply.statusMsg().startsWith("Could not process request:"), reply.statusMsg());
  }

  @Test
  void ignoresAgentsTheNodeDoesNotRun() {
    send(
        "provisioning.node.node1.lab.local",
        rpc("puppet", "status", Map.of(), Filter.empty(), now()));
    assertEquals(List.of(), wire.published);
  }

  @Test
  void processesButNeverAnswersWhenRepliesAreDropped() {
    n1.setFault(Fault.DROP_REPLIES, true);
    send(
        "provisioning.node.node1.lab.local",
        rpc(
            "choria_provision",
            "configure",
            Map.of("token", "s3cret", "config", "{\"plugin.choria.server.provision\":\"false\"}"),
            Filter.empty(),
            now()));
    assertEquals(List.of(), wire.published);
    assertEquals(1, n1.configureCount(), "the configure itself happened");
  }

  @Test
  void publishesAnUnreadableReplyWhenRepliesAreMalformed() {
    n1.setFault(Fault.MALFORMED_REPLIES, true);
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now()));
    assertEquals(1, wire.published.size());
    assertThrows(ProtocolException.class, () -> codec.decodeReply(wire.published.get(0).body()));
  }

  @Test
  void stillAnswersWhenRepliesAreSlow() {
    n1.slowReplies(Duration.ofMillis(5));
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now()));
    assertEquals(0, onlyRpcReply().statusCode());
  }

  @Test
  void writesTheConfigurationAtOnceButAnswersConfigureOnlyAfterTheDelay() throws Exception {
    n1.setFaults(n1.nodeFaults().delayed(Fault.SLOW_CONFIGURE_REPLY, Duration.ofMinutes(10)));
    Thread sender =
        Thread.ofVirtual()
            .start(
                () ->
                    send(
                        "provisioning.node.node1.lab.local",
                        rpc(
                            "choria_provision",
                            "configure",
                            Map.of(
                                "token",
                                "s3cret",
                                "config",
                                "{\"plugin.choria.server.provision\":\"false\"}"),
                            Filter.empty(),
                            now())));
    io.fleetwright.testing.Await.until(
        "the configuration written", n1::configureCount, count -> count == 1);
    assertEquals(List.of(), List.copyOf(wire.published), "no reply while the delay runs");
    sender.interrupt();
    sender.join();
  }

  @Test
  void delaysOnlyTheConfigureReplyWhenConfigureRepliesAreSlow() {
    n1.setFaults(n1.nodeFaults().delayed(Fault.SLOW_CONFIGURE_REPLY, Duration.ofMinutes(10)));
    send(
        "provisioning.node.node1.lab.local",
        rpc("rpcutil", "ping", Map.of(), Filter.empty(), now()));
    assertEquals(0, onlyRpcReply().statusCode(), "a ping is answered at once");
  }

  @Test
  void answersConfigureAfterASlowConfigureDelay() {
    n1.setFaults(n1.nodeFaults().delayed(Fault.SLOW_CONFIGURE_REPLY, Duration.ofMillis(5)));
    send(
        "provisioning.node.node1.lab.local",
        rpc(
            "choria_provision",
            "configure",
            Map.of("token", "s3cret", "config", "{\"plugin.choria.server.provision\":\"false\"}"),
            Filter.empty(),
            now()));
    assertEquals(0, onlyRpcReply().statusCode());
    assertEquals(1, n1.configureCount());
  }

  @Test
  void answersConfigureThenVanishesWhenItCrashesAfterConfigure() {
    n1.setFault(Fault.CRASH_AFTER_CONFIGURE, true);
    send(
        "provisioning.node.node1.lab.local",
        rpc(
            "choria_provision",
            "configure",
            Map.of("token", "s3cret", "config", "{\"plugin.choria.server.provision\":\"false\"}"),
            Filter.empty(),
            now()));
    assertEquals(0, onlyRpcReply().statusCode());
    assertEquals(NodeMode.GONE, n1.mode());
  }

  /** Records publishes and serves routes set by the test. */
  static final class FakeWire implements Wire {
    record Published(String subject, byte[] body) {}

    final List<Published> published = new ArrayList<>();
    private final Map<String, Set<EmulatedNode>> routes = new HashMap<>();

    void route(String subject, EmulatedNode node) {
      routes.computeIfAbsent(subject, k -> new LinkedHashSet<>()).add(node);
    }

    @Override
    public Set<EmulatedNode> routes(String subject) {
      return routes.getOrDefault(subject, Set.of());
    }

    @Override
    public synchronized void publish(String subject, byte[] body) {
      published.add(new Published(subject, body));
    }

    @Override
    public String connectedUrl() {
      return "nats://test:4222";
    }
  }
}
