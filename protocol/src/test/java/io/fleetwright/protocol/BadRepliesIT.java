package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad replies are dropped with a log naming subject and field; the good one after them wins. */
class BadRepliesIT {

  private static final String NODE = "flaky.lab.local";

  @Test
  void dropsEveryKindOfBadReplyAndStillAcceptsTheGoodOneAfterThem() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TestResponder fleet = new TestResponder(nats.url(), NODE);
        LogCapture logs = new LogCapture();
        ChoriaClient client =
            ChoriaClient.builder().natsUrl(nats.url()).identity("provisioner.lab.local").build()) {
      fleet.answer(NODE, (request, identity) -> badThenGood(fleet, request, identity));

      RpcResult result = client.call(NODE, "rpcutil", "inventory", null, Duration.ofSeconds(10));

      assertEquals(NODE, result.identity());
      assertTrue(result.ok(), result.toString());
      Await.quickly(
          Duration.ofSeconds(10),
          () -> client.droppedMessages() == 9,
          () -> "9 drops expected, got " + client.droppedMessages() + ": " + logs.messages());
      List<String> lines = logs.messages();
      String subject = fleet.received.peek().request().replyTo().orElseThrow();
      String prefix = subject.substring(0, subject.lastIndexOf('.'));
      for (String expected :
          List.of(
              "transport.data is not standard padded base64",
              "transport is not valid JSON",
              "secure.hash does not match the message",
              "reply.protocol must be \"choria:reply:1\"",
              "is not a request this client sent",
              "does not match the request id in the reply subject",
              "envelope.senderid \"other.lab.local\" is not the targeted identity",
              "rpc.statuscode is missing",
              "envelope.requestid must be 32 characters")) {
        assertTrue(
            lines.stream().anyMatch(l -> l.contains(prefix) && l.contains(expected)),
            "no log line naming " + subject + " and <" + expected + ">: " + lines);
      }
      RpcResult again = client.call(NODE, "rpcutil", "ping", null, Duration.ofSeconds(10));
      assertEquals(NODE, again.identity());
    }
  }

  @Test
  void discoveryDropsPongsWithoutAUsableMcSenderAndKeepsTheOthers() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TestResponder fleet = new TestResponder(nats.url(), "good1", "anonymous", "good2");
        LogCapture logs = new LogCapture();
        ChoriaClient client =
            ChoriaClient.builder().natsUrl(nats.url()).identity("provisioner.lab.local").build()) {
      fleet.answer(
          "anonymous",
          (request, identity) -> {
            ReplyEnvelope envelope =
                ReplyEnvelope.answering(request.envelope(), identity, Instant.now());
            return List.of(
                fleet.codec().encodeReply(Reply.of("pong", envelope), TransportHeaders.none()),
                fleet
                    .codec()
                    .encodeReply(
                        Reply.of("pong", envelope),
                        new TransportHeaders(null, "bad node", List.of())));
          });

      Set<String> nodes = client.discover(Duration.ofSeconds(3));

      assertEquals(Set.of("good1", "good2"), nodes);
      Await.quickly(
          Duration.ofSeconds(5),
          () -> client.droppedMessages() == 2,
          () -> "2 drops expected: " + logs.messages());
      assertTrue(
          logs.messages().stream()
              .anyMatch(l -> l.endsWith("transport.headers.mc_sender is missing")),
          logs.messages().toString());
      assertTrue(
          logs.messages().stream()
              .anyMatch(
                  l ->
                      l.contains(
                          "transport.headers.mc_sender \"bad node\" is not a valid identity")),
          logs.messages().toString());
    }
  }

  private static List<byte[]> badThenGood(
      TestResponder fleet, DecodedRequest request, String identity) {
    ChoriaCodec codec = fleet.codec();
    ReplyEnvelope envelope = ReplyEnvelope.answering(request.envelope(), identity, Instant.now());
    String good = codec.rpcReplyJson(RpcReply.ok("inventory", Map.of()));
    String wrongProtocol =
        Wire.json(Wire.tree(ChoriaCodec.json(Reply.of(good, envelope))).put("protocol", "x:1"));
    ObjectNode shortId = Wire.tree(ChoriaCodec.json(Reply.of(good, envelope)));
    ((ObjectNode) shortId.get("envelope")).put("requestid", "short");
    ReplyEnvelope unknown =
        new ReplyEnvelope(RequestIds.next(), identity, envelope.agent(), envelope.time());
    ReplyEnvelope other =
        new ReplyEnvelope(
            envelope.requestId(), "other.lab.local", envelope.agent(), envelope.time());
    TransportHeaders headers = TransportHeaders.reply(identity);
    String replyTo = request.replyTo().orElseThrow();
    fleet
        .connection()
        .publish(
            replyTo.substring(0, replyTo.lastIndexOf('.') + 1) + unknown.requestId(),
            codec.encodeReply(Reply.of(good, unknown), headers));
    return List.of(
        "{\"protocol\":\"choria:transport:1\",\"data\":\"%%%\",\"headers\":{}}"
            .getBytes(StandardCharsets.UTF_8),
        "{not json".getBytes(StandardCharsets.UTF_8),
        Wire.reply(ChoriaCodec.json(Reply.of(good, envelope)), "d3JvbmcgaGFzaA=="),
        Wire.reply(wrongProtocol, SecureReply.hashOf(wrongProtocol)),
        codec.encodeReply(Reply.of(good, unknown), headers),
        codec.encodeReply(Reply.of(good, other), TransportHeaders.reply("other.lab.local")),
        codec.encodeReply(Reply.of("{\"action\":\"inventory\"}", envelope), headers),
        Wire.reply(Wire.json(shortId), SecureReply.hashOf(Wire.json(shortId))),
        codec.encodeReply(Reply.of(good, envelope), headers));
  }
}
