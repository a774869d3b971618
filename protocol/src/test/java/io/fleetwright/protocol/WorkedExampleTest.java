package io.fleetwright.protocol;

import static io.fleetwright.protocol.WireExamples.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The codec against the worked example of WIRE.md §2.7, byte for byte. */
class WorkedExampleTest {

  private final ChoriaCodec codec = new ChoriaCodec();

  @Test
  void encodesTheInventoryRequestLayerExactlyAsTheExample() throws Exception {
    String json = Json.mapper().writeValueAsString(inventoryRequest(codec));

    assertEquals(INVENTORY_REQUEST, json);
  }

  @Test
  void encodesTheTransportDataExactlyAsTheExampleBase64() throws Exception {
    byte[] wire = codec.encodeRequest(inventoryRequest(codec), inventoryHeaders());

    String data = Json.mapper().readTree(wire).get("data").textValue();
    assertEquals(INVENTORY_DATA, data);
  }

  @Test
  void encodesTheWholeTransportExactlyAsTheExample() {
    byte[] wire = codec.encodeRequest(inventoryRequest(codec), inventoryHeaders());

    assertEquals(INVENTORY_TRANSPORT, new String(wire, StandardCharsets.UTF_8));
  }

  @Test
  void decodesTheExampleTransportIntoTheSameRequest() {
    DecodedRequest decoded =
        codec.decodeRequest(
            "provisioning.node.node1.lab.local",
            INVENTORY_TRANSPORT.getBytes(StandardCharsets.UTF_8));

    assertEquals(inventoryRequest(codec), decoded.request());
    assertEquals(inventoryHeaders(), decoded.headers());
    assertEquals(RpcRequest.of("rpcutil", "inventory"), decoded.rpc().orElseThrow());
    assertEquals(
        "provisioning.reply." + CALLER_MD5 + "." + INVENTORY_ID, decoded.replyTo().orElseThrow());
  }

  @Test
  void encodesTheInventoryReplyLayerExactlyAsTheExample() throws Exception {
    assertEquals(INVENTORY_REPLY, Json.mapper().writeValueAsString(inventoryReply(codec)));
  }

  @Test
  void hashesTheInventoryReplyToTheExampleHash() {
    assertEquals(INVENTORY_REPLY_HASH, SecureReply.hashOf(INVENTORY_REPLY));
  }

  @Test
  void putsTheExampleHashIntoTheEncodedSecureReply() throws Exception {
    byte[] wire = codec.encodeReply(inventoryReply(codec), TransportHeaders.reply(NODE));

    String data = Json.mapper().readTree(wire).get("data").textValue();
    var secure = Json.mapper().readTree(Base64.getDecoder().decode(data));
    assertEquals(INVENTORY_REPLY_HASH, secure.get("hash").textValue());
    assertEquals(INVENTORY_REPLY, secure.get("message").textValue());
  }

  @Test
  void decodesTheEncodedInventoryReplyAndItsRpcBody() {
    byte[] wire = codec.encodeReply(inventoryReply(codec), TransportHeaders.reply(NODE));

    DecodedReply decoded = codec.decodeReply("provisioning.reply.x." + INVENTORY_ID, wire);

    assertEquals(inventoryReply(codec), decoded.reply());
    assertEquals(NODE, decoded.headers().mcSender());
    RpcReply rpc = decoded.requireRpc();
    assertTrue(rpc.ok(), "inventory reply should be OK: " + rpc);
    assertEquals(inventoryData(), rpc.data());
    assertEquals("0.30.2", rpc.data().get("version"));
  }

  @Test
  void hashesTheDiscoveryPongToTheExampleHash() throws Exception {
    String pong = Json.mapper().writeValueAsString(pongReply());

    assertEquals(PONG_HASH, SecureReply.hashOf(pong));
  }

  @Test
  void encodesTheDiscoveryRequestLayerExactlyAsTheExample() throws Exception {
    assertEquals(DISCOVERY_REQUEST, Json.mapper().writeValueAsString(discoveryRequest()));
  }

  @Test
  void hashesTheExampleCallerIdToTheExampleReplyToken() {
    assertEquals(CALLER_MD5, Subjects.callerHash(CALLER));
    assertEquals(
        "provisioning.reply.590e5db785697467c32f9797eeba6bab." + INVENTORY_ID,
        Subjects.reply("provisioning", CALLER, INVENTORY_ID));
  }

  @Test
  void servesTheDiscoveryPingPayloadAsPing() {
    byte[] wire = codec.encodeRequest(discoveryRequest(), inventoryHeaders());

    DecodedRequest decoded = codec.decodeRequest(wire);

    assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), decoded.payload());
    assertTrue(decoded.rpc().isEmpty(), "a ping is not an RPC body");
  }
}
