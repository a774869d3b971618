package io.fleetwright.protocol;

import static io.fleetwright.protocol.WireExamples.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per protocol pitfall of WIRE.md §7, named after it. */
class PitfallsTest {

  private final ChoriaCodec codec = new ChoriaCodec();

  @Test
  void pitfall1TransportDataIsBase64AndInnerMessagesAreJsonStrings() throws Exception {
    JsonNode transport =
        Json.mapper().readTree(codec.encodeRequest(inventoryRequest(codec), inventoryHeaders()));

    byte[] secureBytes = Base64.getDecoder().decode(transport.get("data").textValue());
    JsonNode secure = Json.mapper().readTree(secureBytes);
    assertTrue(secure.get("message").isTextual(), "secure.message must be a JSON string");
    JsonNode request = Json.mapper().readTree(secure.get("message").textValue());
    assertEquals("choria:request:1", request.get("protocol").textValue());
    assertTrue(request.get("message").textValue().startsWith("{\"agent\""), request.toString());
  }

  @Test
  void pitfall2DiscoveryPayloadIsBase64OfPingNotRawPing() {
    Request discovery =
        Requests.discovery(
            CLIENT, CALLER, "provisioning", Filter.agent("choria_provision"), 60, Instant.now());
    assertEquals("cGluZw==", discovery.message());

    DecodedRequest good = codec.decodeRequest(codec.encodeRequest(discovery, inventoryHeaders()));
    assertEquals("ping", good.payloadText());

    Request raw = Request.of("ping", discovery.envelope());
    DecodedRequest bad = codec.decodeRequest(codec.encodeRequest(raw, inventoryHeaders()));
    assertEquals(3, bad.payload().length, "raw 'ping' is valid base64 and decodes to 3 bytes");
    assertFalse(bad.payloadText().contains("ping"), bad.payloadText());
  }

  @Test
  void pitfall3RequestIdOfThirtyTwoCharsTtlOfThirtyTimeInSecondsAndFilterArraysPresent() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ObjectNode envelope = (ObjectNode) request.get("envelope");

    envelope.put("requestid", INVENTORY_ID.substring(1));
    assertMessage("envelope.requestid must be 32 characters, got 31", decode(request));

    envelope.put("requestid", INVENTORY_ID).put("ttl", 29);
    assertMessage("envelope.ttl must be at least 30, got 29", decode(request));

    envelope.put("ttl", 30);
    for (String array : new String[] {"fact", "cf_class", "identity", "compound"}) {
      ObjectNode copy = request.deepCopy();
      ((ObjectNode) copy.get("envelope").get("filter")).putNull(array);
      assertMessage("envelope.filter." + array + " is null", decode(copy));
      ((ObjectNode) copy.get("envelope").get("filter")).remove(array);
      assertMessage("envelope.filter." + array + " is missing", decode(copy));
    }
    assertEquals(30, codec.decodeRequest(Wire.request(Wire.json(request))).envelope().ttl());

    Instant now = Instant.ofEpochMilli(1718000000123L);
    RequestEnvelope created =
        RequestEnvelope.create(CLIENT, CALLER, "provisioning", "rpcutil", 60, now, null);
    assertEquals(1718000000L, created.time(), "time is Unix seconds");
    assertTrue(RequestIds.isWellFormed(created.requestId()), created.requestId());
    String filterJson = Wire.json(new Filter(null, null, null, null, null));
    assertEquals(
        "{\"fact\":[],\"cf_class\":[],\"agent\":[],\"identity\":[],\"compound\":[]}", filterJson);
  }

  @Test
  void pitfall4ClockSkewBeyondTtlEitherWayDropsTheRequest() {
    RequestEnvelope envelope = inventoryEnvelope();

    assertTrue(envelope.withinTtl(at(TIME)));
    assertTrue(envelope.withinTtl(at(TIME + 59)));
    assertFalse(envelope.withinTtl(at(TIME + 60)), "exactly ttl old is expired (strict)");
    assertTrue(envelope.withinTtl(at(TIME - 59)));
    assertFalse(envelope.withinTtl(at(TIME - 60)), "ttl in the future is rejected (strict)");
    assertTrue(ChoriaCodec.withinTtl(envelope, at(TIME + 1)));

    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> ChoriaCodec.requireWithinTtl("provisioning.node.n1", envelope, at(TIME + 300)));
    assertMessage(
        "request on provisioning.node.n1: envelope.time 1718000000 is outside the ttl window of"
            + " 60s around now 1718000300 (300s old)",
        e);
  }

  @Test
  void pitfall5ReplyToLivesInTheJsonHeaders() throws Exception {
    byte[] wire = codec.encodeRequest(inventoryRequest(codec), inventoryHeaders());

    JsonNode headers = Json.mapper().readTree(wire).get("headers");
    String expected = "provisioning.reply." + CALLER_MD5 + "." + INVENTORY_ID;
    assertEquals(expected, headers.get("reply-to").textValue());
    assertEquals(expected, codec.decodeRequest(wire).replyTo().orElseThrow());
    byte[] reply = codec.encodeReply(inventoryReply(codec), TransportHeaders.reply(NODE));
    assertFalse(
        Json.mapper().readTree(reply).get("headers").has("reply-to"), "replies carry no reply-to");
  }

  @Test
  void pitfall6AReplyWhoseHashDoesNotMatchIsRejected() {
    byte[] wire = Wire.reply(INVENTORY_REPLY.replace("0.30.2", "0.30.3"), INVENTORY_REPLY_HASH);

    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> codec.decodeReply("provisioning.reply.a.b", wire));
    assertMessage("reply on provisioning.reply.a.b: secure.hash does not match the message", e);
    assertEquals(
        NODE,
        codec.decodeReply(Wire.reply(INVENTORY_REPLY, INVENTORY_REPLY_HASH)).envelope().senderId());
  }

  @Test
  void pitfall7AServerReplySetsBothSenderIdAndMcSender() {
    DecodedRequest request =
        codec.decodeRequest(codec.encodeRequest(inventoryRequest(codec), inventoryHeaders()));

    byte[] wire =
        codec.encodeRpcReply(request, NODE, RpcReply.ok("inventory", Map.of()), at(TIME + 1));

    DecodedReply reply = codec.decodeReply(wire);
    assertEquals(NODE, reply.envelope().senderId());
    assertEquals(NODE, reply.headers().mcSender());
    assertEquals(INVENTORY_ID, reply.envelope().requestId());
    assertEquals("rpcutil", reply.envelope().agent());
  }

  @Test
  void pitfall13CollectiveMustBeProvisioning() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ((ObjectNode) request.get("envelope")).put("collective", "mcollective");

    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> codec.decodeRequest("provisioning.node.n1", Wire.request(Wire.json(request))));
    assertMessage(
        "request on provisioning.node.n1: envelope.collective must be \"provisioning\", got"
            + " \"mcollective\"",
        e);
  }

  @Test
  void pitfall16LifecycleEventsUseV1ProtocolUnixSecondsObjectDataAndNoVersionOnShutdown()
      throws Exception {
    LifecycleEvent shutdown =
        LifecycleEvent.create(
            LifecycleEvent.SHUTDOWN,
            NODE,
            LifecycleEvent.PROVISION_MODE_SERVER,
            null,
            Instant.ofEpochMilli(1718000043999L));

    JsonNode choria = Json.mapper().readTree(LifecycleCodec.encodeChoria(shutdown));
    assertEquals("io.choria.lifecycle.v1.shutdown", choria.get("protocol").textValue());
    assertTrue(choria.get("timestamp").isIntegralNumber());
    assertEquals(1718000043L, choria.get("timestamp").longValue());
    assertFalse(choria.has("version"), "shutdown carries no version: " + choria);

    JsonNode cloud = Json.mapper().readTree(LifecycleCodec.encodeCloudEvent(shutdown));
    assertTrue(cloud.get("data").isObject(), "CloudEvents data must be an object: " + cloud);
    assertEquals("2024-06-10T06:14:03Z", cloud.get("time").textValue());

    ObjectNode stringData = (ObjectNode) cloud.deepCopy();
    stringData.put("data", Wire.json(choria));
    assertThrows(
        ProtocolException.class, () -> LifecycleCodec.parse(Wire.bytes(Wire.json(stringData))));
  }

  @Test
  void pitfall17HashesAreComputedOverTheDecodedStringNotTheEscapedLiteral() throws Exception {
    String replyText =
        "{\"protocol\":\"choria:reply:1\",\"message\":\"<b>pong & more</b>\",\"envelope\":"
            + "{\"requestid\":\"4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f\",\"senderid\":\"node1.lab.local\","
            + "\"agent\":\"discovery\",\"time\":1718000000}}";
    byte[] wire = Wire.reply(replyText, SecureReply.hashOf(replyText));

    String secureJson =
        new String(
            Base64.getDecoder().decode(Json.mapper().readTree(wire).get("data").textValue()),
            StandardCharsets.UTF_8);
    String literal =
        secureJson.substring(
            secureJson.indexOf("\"message\":\"") + 11, secureJson.indexOf("\",\"hash\""));
    assertTrue(literal.contains("\\u003cb\\u003epong \\u0026 more"), "Go escaping: " + literal);
    assertNotEquals(SecureReply.hashOf(literal), SecureReply.hashOf(replyText));

    DecodedReply decoded = codec.decodeReply(wire);

    assertEquals("<b>pong & more</b>", decoded.message());
    assertTrue(
        codec.rpcReplyJson(RpcReply.ok("x", Map.of("m", "<&>"))).contains("\\u003c\\u0026\\u003e"),
        "RPC bodies are escaped like Go's encoding/json");
  }

  private ProtocolException decode(ObjectNode request) {
    byte[] wire = Wire.request(Wire.json(request));
    return assertThrows(
        ProtocolException.class, () -> codec.decodeRequest("provisioning.node.n1", wire));
  }

  static void assertMessage(String expectedStart, ProtocolException e) {
    String prefixed =
        expectedStart.startsWith("request on") || expectedStart.startsWith("reply on")
            ? expectedStart
            : "request on provisioning.node.n1: " + expectedStart;
    assertTrue(
        e.getMessage().startsWith(prefixed),
        "expected a message starting with <" + prefixed + "> but was <" + e.getMessage() + ">");
  }

  @Test
  void aPingPayloadSurvivesLineBreaksInsideItsBase64() {
    Request request = Request.of("cGlu\r\nZw==", discoveryRequest().envelope());

    DecodedRequest decoded = codec.decodeRequest(codec.encodeRequest(request, inventoryHeaders()));

    assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), decoded.payload());
  }
}
