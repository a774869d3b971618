package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.Request;
import io.fleetwright.protocol.Requests;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcRequest;
import io.fleetwright.protocol.TransportHeaders;
import io.fleetwright.testing.Fixtures;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input sent to a real fleet is dropped without a reply, and the fleet keeps answering. */
class BadInputIT {
  private static final String NODE = "node-00001.fleet.example.net";
  private static final String DIRECT = "provisioning.node." + NODE;
  private static final String BROADCAST = "provisioning.broadcast.agent.rpcutil";
  private static NatsServer nats;
  private static Fleet fleet;
  private static WireClient client;

  @BeforeAll
  static void start() throws Exception {
    nats = Fixtures.startNats();
    fleet = Fleet.builder().nodes(5).natsUrl(nats.url()).maxRequestBytes(8192).build().start();
    client = new WireClient(nats.url());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    fleet.close();
    nats.close();
  }

  @Test
  void dropsEveryKindOfBadRequestAndKeepsAnswering() throws Exception {
    Connection nc = client.connection();
    String replyTo = "provisioning.reply.bad.input";
    Subscription replies = nc.subscribe(replyTo);
    nc.flush(Duration.ofSeconds(5));
    Map<String, byte[]> bad = badRequests(replyTo);
    for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
      nc.publish(DIRECT, entry.getValue());
      nc.publish(BROADCAST, entry.getValue());
    }
    // Requests are handled concurrently, so prove the fleet has moved past the bad ones by getting
    // answers to many good requests to every node, then check nothing arrived for the bad ones.
    for (int round = 0; round < 3; round++) {
      for (FleetNode node : fleet.nodes()) {
        RpcReply ping =
            client.call(
                "provisioning",
                node.identity(),
                RpcRequest.of("rpcutil", "ping"),
                Duration.ofSeconds(10));
        assertEquals(0, ping.statusCode(), node.identity() + ": " + ping);
      }
    }
    List<String> leaked = new ArrayList<>();
    Message m;
    while ((m = replies.nextMessage(Duration.ofMillis(200))) != null) {
      leaked.add(new String(m.getData(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of(), leaked, "replies to bad requests " + bad.keySet());
  }

  private static Map<String, byte[]> badRequests(String replyTo) {
    ChoriaCodec codec = new ChoriaCodec();
    TransportHeaders headers = TransportHeaders.request(replyTo, "bad.client");
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put(
        "malformed JSON",
        "{\"protocol\":\"choria:transport:1\",\"data\":".getBytes(StandardCharsets.UTF_8));
    out.put(
        "bad base64",
        ("{\"protocol\":\"choria:transport:1\",\"data\":\"%%%not-base64%%%\",\"headers\":{\"reply-to\":\""
                + replyTo
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8));
    Request otherCollective =
        Requests.rpc(
            "bad",
            "choria=bad",
            "mcollective",
            RpcRequest.of("rpcutil", "ping"),
            Filter.empty(),
            60,
            Instant.now());
    out.put(
        "wrong collective",
        new ChoriaCodec("mcollective", 1 << 20).encodeRequest(otherCollective, headers));
    Request expired =
        Requests.rpc(
            "bad",
            "choria=bad",
            "provisioning",
            RpcRequest.of("rpcutil", "ping"),
            Filter.empty(),
            60,
            Instant.now().minusSeconds(3600));
    out.put("expired ttl", codec.encodeRequest(expired, headers));
    Request future =
        Requests.rpc(
            "bad",
            "choria=bad",
            "provisioning",
            RpcRequest.of("rpcutil", "ping"),
            Filter.empty(),
            60,
            Instant.now().plusSeconds(3600));
    out.put("stamped in the future", codec.encodeRequest(future, headers));
    Request oversized =
        Requests.rpc(
            "bad",
            "choria=bad",
            "provisioning",
            new RpcRequest("rpcutil", "ping", Map.of("pad", "x".repeat(20_000))),
            Filter.empty(),
            60,
            Instant.now());
    out.put("oversized", codec.encodeRequest(oversized, headers));
    out.put(
        "not a transport", "{\"protocol\":\"something:else\"}".getBytes(StandardCharsets.UTF_8));
    return out;
  }
}
