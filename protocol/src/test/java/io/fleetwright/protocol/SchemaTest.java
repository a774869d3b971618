package io.fleetwright.protocol;

import static io.fleetwright.protocol.WireExamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fleetwright.protocol.internal.Json;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every encoded layer validates against go-choria's v1 JSON schemas (draft-04). */
class SchemaTest {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  private final ChoriaCodec codec = new ChoriaCodec();

  @Test
  void theInventoryRequestValidatesAtEveryLayer() throws Exception {
    assertRequestLayersValid(codec.encodeRequest(inventoryRequest(codec), inventoryHeaders()));
  }

  @Test
  void theDiscoveryRequestValidatesAtEveryLayer() throws Exception {
    assertRequestLayersValid(codec.encodeRequest(discoveryRequest(), inventoryHeaders()));
  }

  @Test
  void aRequestWithEveryFilterKindValidatesAtEveryLayer() throws Exception {
    Filter filter =
        new Filter(
            List.of(new FactFilter("os", "==", "linux")),
            List.of("role::web"),
            List.of("choria_provision"),
            List.of("node1.lab.local", "/^web/"),
            List.of(List.of(Map.of("expr", "facts.os == 'linux'"))));
    RequestEnvelope envelope =
        RequestEnvelope.create(
            CLIENT, CALLER, "provisioning", "rpcutil", 60, Instant.now(), filter);
    Request request = Request.of(codec.rpcRequestJson(RpcRequest.of("rpcutil", "ping")), envelope);

    assertRequestLayersValid(codec.encodeRequest(request, inventoryHeaders()));
  }

  @Test
  void aRegistrationPublishValidatesAtEveryLayer() throws Exception {
    RegistrationData data =
        RegistrationData.of(NODE, "/etc/registration.json", TIME, false, "{}".getBytes());

    assertRequestLayersValid(codec.encodeRegistration(data, "choria=" + NODE, Instant.now()));
  }

  @Test
  void theInventoryReplyValidatesAtEveryLayer() throws Exception {
    assertReplyLayersValid(codec.encodeReply(inventoryReply(codec), TransportHeaders.reply(NODE)));
  }

  @Test
  void anErrorReplyAndAPongValidateAtEveryLayer() throws Exception {
    RpcReply error = RpcReply.error("configure", StatusCode.ABORTED, "Incorrect provision token");
    Reply reply =
        Reply.of(codec.rpcReplyJson(error), new ReplyEnvelope(INVENTORY_ID, NODE, "x", TIME));

    assertReplyLayersValid(codec.encodeReply(reply, TransportHeaders.reply(NODE)));
    assertReplyLayersValid(codec.encodeReply(pongReply(), TransportHeaders.reply(NODE)));
  }

  @Test
  void theSchemaCheckCatchesARequestAServerWouldDrop() throws Exception {
    ObjectNode request = (ObjectNode) Json.mapper().readTree(INVENTORY_REQUEST);
    ((ObjectNode) request.get("envelope")).put("ttl", 10);
    ((ObjectNode) request.get("envelope").get("filter")).remove("cf_class");

    Set<ValidationMessage> errors = schema("request.json").validate(request);

    assertEquals(2, errors.size(), "expected ttl and cf_class errors, got " + errors);
  }

  private void assertRequestLayersValid(byte[] wire) throws Exception {
    JsonNode transport = Json.mapper().readTree(wire);
    assertValid("transport.json", transport);
    JsonNode secure = inner(transport);
    assertValid("secure_request.json", secure);
    assertValid("request.json", Json.mapper().readTree(secure.get("message").textValue()));
  }

  private void assertReplyLayersValid(byte[] wire) throws Exception {
    JsonNode transport = Json.mapper().readTree(wire);
    assertValid("transport.json", transport);
    JsonNode secure = inner(transport);
    assertValid("secure_reply.json", secure);
    assertValid("reply.json", Json.mapper().readTree(secure.get("message").textValue()));
  }

  private static JsonNode inner(JsonNode transport) throws Exception {
    return Json.mapper().readTree(Base64.getDecoder().decode(transport.get("data").textValue()));
  }

  private static void assertValid(String schemaFile, JsonNode instance) {
    Set<ValidationMessage> errors = schema(schemaFile).validate(instance);
    assertFalse(instance.isEmpty(), "nothing to validate against " + schemaFile);
    assertEquals(Set.of(), errors, schemaFile + " rejects " + instance);
  }

  private static JsonSchema schema(String file) {
    try {
      ObjectNode node = (ObjectNode) Json.mapper().readTree(SharedDocs.read(file));
      // Two of the copied schemas name draft-04 without the trailing '#'; the factory is draft-04.
      node.remove("$schema");
      return FACTORY.getSchema(node);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
