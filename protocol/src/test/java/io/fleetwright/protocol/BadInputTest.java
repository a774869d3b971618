package io.fleetwright.protocol;

import static io.fleetwright.protocol.WireExamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with a message naming the subject and the field. */
class BadInputTest {

  private static final String NODE_SUBJECT = "provisioning.node.n1";
  private static final String REPLY_SUBJECT = "provisioning.reply.x.y";

  private final ChoriaCodec codec = new ChoriaCodec();

  @Test
  void rejectsARequestThatIsNotJson() {
    assertRequestRejected(Wire.bytes("{\"protocol\":"), "transport is not valid JSON");
  }

  @Test
  void rejectsAnEmptyPayload() {
    assertRequestRejected(new byte[0], "transport is empty");
  }

  @Test
  void rejectsAJsonArrayInsteadOfAnObject() {
    assertRequestRejected(Wire.bytes("[1,2]"), "transport must be a JSON object");
  }

  @Test
  void rejectsAnUnknownTransportProtocol() {
    assertRequestRejected(
        Wire.bytes("{\"protocol\":\"choria:transport:2\",\"data\":\"\",\"headers\":{}}"),
        "transport.protocol must be \"choria:transport:1\", got \"choria:transport:2\"");
  }

  @Test
  void rejectsTransportDataThatIsNotBase64() {
    assertRequestRejected(
        Wire.bytes("{\"protocol\":\"choria:transport:1\",\"data\":\"not base64!\",\"headers\":{}}"),
        "transport.data is not standard padded base64");
  }

  @Test
  void rejectsUnpaddedBase64AsGoDoes() {
    assertRequestRejected(
        Wire.bytes("{\"protocol\":\"choria:transport:1\",\"data\":\"e30\",\"headers\":{}}"),
        "transport.data is not standard padded base64");
  }

  @Test
  void rejectsASecureRequestWhoseMessageIsNotJson() {
    ObjectNode secure = Wire.tree("{\"protocol\":\"choria:secure:request:1\"}");
    secure.put("message", "{broken").put("signature", "insecure").put("pubcert", "insecure");
    assertRequestRejected(
        Wire.transport(Wire.json(secure), "{}"), "secure.message is not valid JSON");
  }

  @Test
  void rejectsASecureRequestWithAnEmptySignature() {
    ObjectNode secure = Wire.tree("{\"protocol\":\"choria:secure:request:1\"}");
    secure.put("message", INVENTORY_REQUEST).put("signature", "").put("pubcert", "insecure");
    assertRequestRejected(
        Wire.transport(Wire.json(secure), "{}"), "secure.signature must not be empty");
  }

  @Test
  void rejectsATtlSentAsAString() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ((ObjectNode) request.get("envelope")).put("ttl", "60");
    assertRequestRejected(
        Wire.request(Wire.json(request)), "envelope.ttl must be an integer, got string \"60\"");
  }

  @Test
  void rejectsATimeSentAsAFloat() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ((ObjectNode) request.get("envelope")).put("time", 1718000000.5);
    assertRequestRejected(Wire.request(Wire.json(request)), "envelope.time must be an integer");
  }

  @Test
  void rejectsAMissingCallerId() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ((ObjectNode) request.get("envelope")).remove("callerid");
    assertRequestRejected(Wire.request(Wire.json(request)), "envelope.callerid is missing");
  }

  @Test
  void rejectsAnEmptyRequestMessage() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    request.put("message", "");
    assertRequestRejected(Wire.request(Wire.json(request)), "request.message must not be empty");
  }

  @Test
  void rejectsAnUnknownFactOperator() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ObjectNode filter = (ObjectNode) request.get("envelope").get("filter");
    filter.putArray("fact").addObject().put("fact", "os").put("operator", "~").put("value", "x");
    assertRequestRejected(
        Wire.request(Wire.json(request)), "envelope.filter.fact[].operator must be one of");
  }

  @Test
  void rejectsARequestForTheWrongCollective() {
    ObjectNode request = Wire.tree(INVENTORY_REQUEST);
    ((ObjectNode) request.get("envelope")).put("collective", "mcollective");
    assertRequestRejected(Wire.request(Wire.json(request)), "envelope.collective must be");
  }

  @Test
  void rejectsAnExpiredRequest() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> ChoriaCodec.requireWithinTtl(NODE_SUBJECT, inventoryEnvelope(), at(TIME + 61)));
    assertStarts("request on " + NODE_SUBJECT + ": envelope.time 1718000000 is outside", e);
  }

  @Test
  void rejectsAnOversizedMessageOnDecode() {
    ChoriaCodec small = new ChoriaCodec("provisioning", 2048);
    byte[] wire = new byte[4096];
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> small.decodeRequest(NODE_SUBJECT, wire));
    assertStarts(
        "request on " + NODE_SUBJECT + ": transport is 4096 bytes, over the limit of 2048", e);
  }

  @Test
  void refusesToEncodeAnOversizedMessage() {
    ChoriaCodec small = new ChoriaCodec("provisioning", 2048);
    RpcRequest rpc = new RpcRequest("rpcutil", "ping", Map.of("blob", "x".repeat(4096)));
    Request request =
        Requests.rpc(CLIENT, CALLER, "provisioning", rpc, Filter.empty(), 60, at(TIME));

    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> small.encodeRequest(request, inventoryHeaders()));
    assertTrue(e.getMessage().contains("over the limit of 2048 bytes"), e.getMessage());
  }

  @Test
  void rejectsAReplyWithTheWrongHash() {
    assertReplyRejected(
        Wire.reply(INVENTORY_REPLY, PONG_HASH), "secure.hash does not match the message");
  }

  @Test
  void rejectsAReplyWithTheWrongProtocol() {
    String reply = INVENTORY_REPLY.replace("choria:reply:1", "choria:reply:2");
    assertReplyRejected(
        Wire.reply(reply, SecureReply.hashOf(reply)),
        "reply.protocol must be \"choria:reply:1\", got \"choria:reply:2\"");
  }

  @Test
  void rejectsAReplyWithAShortRequestId() {
    String reply = INVENTORY_REPLY.replace(INVENTORY_ID, "abc");
    assertReplyRejected(
        Wire.reply(reply, SecureReply.hashOf(reply)),
        "envelope.requestid must be 32 characters, got 3");
  }

  @Test
  void rejectsAReplyWithAMissingSecureHash() {
    String secure = "{\"protocol\":\"choria:secure:reply:1\",\"message\":\"x\"}";
    assertReplyRejected(Wire.transport(secure, "{}"), "secure.hash is missing");
  }

  @Test
  void reportsAnRpcReplyWithoutStatusCodeNamingTheField() {
    Reply reply =
        Reply.of("{\"action\":\"x\"}", new ReplyEnvelope(INVENTORY_ID, NODE, "rpcutil", TIME));
    DecodedReply decoded =
        codec.decodeReply(REPLY_SUBJECT, codec.encodeReply(reply, TransportHeaders.reply(NODE)));

    assertTrue(decoded.rpc().isEmpty());
    ProtocolException e = assertThrows(ProtocolException.class, decoded::requireRpc);
    assertStarts("reply on " + REPLY_SUBJECT + ": rpc.statuscode is missing", e);
  }

  @Test
  void namesNoSubjectWhenItIsUnknown() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> codec.decodeRequest(Wire.bytes("x")));
    assertStarts("request: transport is not valid JSON", e);
  }

  @Test
  void demandsAMessageOnEveryProtocolException() {
    assertThrows(IllegalArgumentException.class, () -> new ProtocolException(" "));
    assertEquals("x", new ProtocolException("x").getMessage());
  }

  private void assertRequestRejected(byte[] wire, String expected) {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> codec.decodeRequest(NODE_SUBJECT, wire));
    assertStarts("request on " + NODE_SUBJECT + ": " + expected, e);
  }

  private void assertReplyRejected(byte[] wire, String expected) {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> codec.decodeReply(REPLY_SUBJECT, wire));
    assertStarts("reply on " + REPLY_SUBJECT + ": " + expected, e);
  }

  private static void assertStarts(String expected, ProtocolException e) {
    assertTrue(
        e.getMessage().startsWith(expected),
        "expected a message starting with <" + expected + "> but was <" + e.getMessage() + ">");
  }
}
