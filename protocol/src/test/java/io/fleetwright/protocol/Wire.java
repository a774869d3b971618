package io.fleetwright.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds wire messages from raw JSON, bypassing the records, to feed the decoder bad input. */
final class Wire {

  private Wire() {}

  static ObjectNode tree(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String json(Object node) {
    return ChoriaCodec.json(node);
  }

  static byte[] request(String requestJson) {
    ObjectNode secure = Json.mapper().createObjectNode();
    secure.put("protocol", "choria:secure:request:1");
    secure.put("message", requestJson);
    secure.put("signature", "insecure");
    secure.put("pubcert", "insecure");
    return transport(json(secure), "{\"reply-to\":\"provisioning.reply.a.b\",\"mc_sender\":\"c\"}");
  }

  static byte[] reply(String replyJson, String hash) {
    ObjectNode secure = Json.mapper().createObjectNode();
    secure.put("protocol", "choria:secure:reply:1");
    secure.put("message", replyJson);
    secure.put("hash", hash);
    return transport(json(secure), "{\"mc_sender\":\"node1.lab.local\"}");
  }

  static byte[] transport(String innerJson, String headersJson) {
    String data = Base64.getEncoder().encodeToString(innerJson.getBytes(StandardCharsets.UTF_8));
    return ("{\"protocol\":\"choria:transport:1\",\"data\":\""
            + data
            + "\",\"headers\":"
            + headersJson
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
