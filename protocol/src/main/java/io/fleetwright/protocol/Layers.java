package io.fleetwright.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.protocol.internal.Encodings;
import io.fleetwright.protocol.internal.Fields;
import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads each layer of a v1 message from bytes: parses, checks presence and JSON types of the fields
 * the schemas require (so a missing array is told apart from an empty one), then binds to the
 * record whose compact constructor applies the value rules.
 */
final class Layers {

  /** The decoded transport: headers and the bytes of the layer inside {@code data}. */
  record Transport(TransportHeaders headers, byte[] inner) {}

  private Layers() {}

  static JsonNode parse(Fields f, byte[] json, String field) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw f.fail(field, "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw f.fail(field, "could not be read: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw f.fail(field, "is empty");
    }
    if (!node.isObject()) {
      throw f.fail(field, "must be a JSON object, got " + Fields.describe(node));
    }
    return node;
  }

  static JsonNode parse(Fields f, String json, String field) {
    return parse(f, json.getBytes(StandardCharsets.UTF_8), field);
  }

  static Transport transport(Fields f, byte[] payload, int maxBytes) {
    if (payload == null || payload.length == 0) {
      throw f.fail("transport", "is empty");
    }
    if (payload.length > maxBytes) {
      throw f.fail(
          "transport",
          "is "
              + payload.length
              + " bytes, over the limit of "
              + maxBytes
              + " bytes; the message was dropped (raise the codec's maxMessageBytes if such"
              + " messages are legitimate)");
    }
    JsonNode root = parse(f, payload, "transport");
    String protocol = f.text(root, "protocol", "transport.protocol");
    if (!TransportMessage.PROTOCOL.equals(protocol)) {
      throw f.fail(
          "transport.protocol",
          "must be \"" + TransportMessage.PROTOCOL + "\", got " + Checks.quote(protocol));
    }
    String data = f.text(root, "data", "transport.data");
    byte[] inner;
    try {
      inner = Encodings.decodeBase64(data);
    } catch (IllegalArgumentException e) {
      throw f.fail("transport.data", "is not standard padded base64: " + e.getMessage(), e);
    }
    return new Transport(headers(f, f.object(root, "headers", "transport.headers")), inner);
  }

  private static TransportHeaders headers(Fields f, JsonNode node) {
    String replyTo = f.optionalText(node, "reply-to", "transport.headers.reply-to");
    String sender = f.optionalText(node, "mc_sender", "transport.headers.mc_sender");
    List<List<String>> hops = new ArrayList<>();
    JsonNode seen = node.get("seen-by");
    if (seen != null && !seen.isNull()) {
      f.optionalArray(node, "seen-by", "transport.headers.seen-by");
      for (int i = 0; i < seen.size(); i++) {
        String path = "transport.headers.seen-by[" + i + "]";
        JsonNode hop = seen.get(i);
        if (!hop.isArray()) {
          throw f.fail(path, "must be an array of strings, got " + Fields.describe(hop));
        }
        List<String> entries = new ArrayList<>();
        for (int j = 0; j < hop.size(); j++) {
          if (!hop.get(j).isTextual()) {
            throw f.fail(path + "[" + j + "]", "must be a string, got " + Fields.describe(hop));
          }
          entries.add(hop.get(j).textValue());
        }
        hops.add(entries);
      }
    }
    return new TransportHeaders(replyTo, sender, hops);
  }

  static SecureRequest secureRequest(Fields f, byte[] json) {
    JsonNode node = parse(f, json, "transport.data");
    f.text(node, "protocol", "secure.protocol");
    f.text(node, "message", "secure.message");
    f.text(node, "signature", "secure.signature");
    f.text(node, "pubcert", "secure.pubcert");
    return bind(f, node, SecureRequest.class, "secure");
  }

  static SecureReply secureReply(Fields f, byte[] json) {
    JsonNode node = parse(f, json, "transport.data");
    f.text(node, "protocol", "secure.protocol");
    f.text(node, "message", "secure.message");
    f.text(node, "hash", "secure.hash");
    return bind(f, node, SecureReply.class, "secure");
  }

  static Request request(Fields f, String json) {
    JsonNode node = parse(f, json, "secure.message");
    f.text(node, "protocol", "request.protocol");
    f.text(node, "message", "request.message");
    JsonNode envelope = f.object(node, "envelope", "envelope");
    f.text(envelope, "requestid", "envelope.requestid");
    f.text(envelope, "senderid", "envelope.senderid");
    f.text(envelope, "callerid", "envelope.callerid");
    f.text(envelope, "collective", "envelope.collective");
    f.text(envelope, "agent", "envelope.agent");
    f.integer(envelope, "ttl", "envelope.ttl");
    f.integer(envelope, "time", "envelope.time");
    JsonNode filter = f.object(envelope, "filter", "envelope.filter");
    f.array(filter, "fact", "envelope.filter.fact");
    f.array(filter, "cf_class", "envelope.filter.cf_class");
    f.optionalArray(filter, "agent", "envelope.filter.agent");
    f.array(filter, "identity", "envelope.filter.identity");
    f.array(filter, "compound", "envelope.filter.compound");
    return bind(f, node, Request.class, "request");
  }

  static Reply reply(Fields f, String json) {
    JsonNode node = parse(f, json, "secure.message");
    f.text(node, "protocol", "reply.protocol");
    f.text(node, "message", "reply.message");
    JsonNode envelope = f.object(node, "envelope", "envelope");
    f.text(envelope, "requestid", "envelope.requestid");
    f.text(envelope, "senderid", "envelope.senderid");
    f.text(envelope, "agent", "envelope.agent");
    f.integer(envelope, "time", "envelope.time");
    return bind(f, node, Reply.class, "reply");
  }

  static <T> T bind(Fields f, JsonNode node, Class<T> type, String layer) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JacksonException | IllegalArgumentException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ProtocolException pe) {
          throw f.wrap(pe);
        }
      }
      String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
      throw f.fail(layer, "does not match the v1 schema: " + detail, e);
    }
  }
}
