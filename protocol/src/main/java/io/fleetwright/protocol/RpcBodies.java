package io.fleetwright.protocol;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.protocol.internal.Fields;
import io.fleetwright.protocol.internal.Json;
import java.util.Map;

/** Parses MCollective RPC bodies the way the Go server and client read them. */
final class RpcBodies {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private RpcBodies() {}

  /**
   * Reads a request body. Like the Go server, a missing {@code data} is {@code {}}; a missing body
   * {@code agent} falls back to the envelope's agent, which is what routes the message.
   */
  static RpcRequest request(Fields f, byte[] json, String envelopeAgent) {
    JsonNode node = Layers.parse(f, json, "request.message");
    String agent = f.optionalText(node, "agent", "rpc.agent");
    String action = f.text(node, "action", "rpc.action");
    Map<String, Object> data = data(f, node);
    try {
      return new RpcRequest(agent == null || agent.isEmpty() ? envelopeAgent : agent, action, data);
    } catch (ProtocolException e) {
      throw f.wrap(e);
    }
  }

  /** Reads a reply body; {@code data} defaults to {@code {}}. */
  static RpcReply reply(Fields f, String json) {
    JsonNode node = Layers.parse(f, json, "reply.message");
    String action = f.text(node, "action", "rpc.action");
    long code = f.integer(node, "statuscode", "rpc.statuscode");
    if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
      throw f.fail("rpc.statuscode", "is out of range: " + code);
    }
    String message = f.text(node, "statusmsg", "rpc.statusmsg");
    try {
      return new RpcReply(action, (int) code, message, data(f, node));
    } catch (ProtocolException e) {
      throw f.wrap(e);
    }
  }

  private static Map<String, Object> data(Fields f, JsonNode node) {
    JsonNode data = node.get("data");
    if (data == null || data.isNull()) {
      return Map.of();
    }
    if (!data.isObject()) {
      throw f.fail("rpc.data", "must be a JSON object, got " + Fields.describe(data));
    }
    return Json.mapper().convertValue(data, MAP);
  }
}
