package io.fleetwright.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.protocol.internal.Fields;
import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Parses and encodes lifecycle events in both Choria format and CloudEvents 1.0, with Go's
 * detection rules: Choria format when {@code protocol} starts with {@code io.choria.lifecycle};
 * CloudEvents when {@code specversion} is {@code 1.0} and {@code source} is {@code
 * io.choria.lifecycle}, whose {@code data} object is then parsed as Choria format. Anything else,
 * including a top-level legacy {@code choria:lifecycle:<type>:1}, is an unsupported format.
 *
 * <p>All methods are static and thread-safe; the public constructor only exists for callers that
 * prefer to inject an instance.
 */
public final class LifecycleCodec {

  /** The CloudEvents {@code source} of Choria lifecycle events. */
  public static final String SOURCE = "io.choria.lifecycle";

  /** Creates a codec instance; all methods are static, so this is only for injection. */
  public LifecycleCodec() {}

  /**
   * Parses an event without knowing its subject.
   *
   * @param json the NATS payload
   * @return the event
   * @throws ProtocolException naming the field when the event is malformed or unsupported
   */
  public static LifecycleEvent parse(byte[] json) {
    return parse(null, json);
  }

  /**
   * Parses an event in either format.
   *
   * @param subject the subject it arrived on, used in messages; may be null
   * @param json the NATS payload
   * @return the event
   * @throws ProtocolException naming the subject and field when the event is malformed or
   *     unsupported
   */
  public static LifecycleEvent parse(@Nullable String subject, byte[] json) {
    Fields f = new Fields("lifecycle event", subject);
    if (json != null && json.length > ChoriaCodec.DEFAULT_MAX_MESSAGE_BYTES) {
      // A real event is a few hundred bytes: do not spend memory and CPU parsing megabytes.
      throw f.fail(
          "event",
          "is "
              + json.length
              + " bytes, over the limit of "
              + ChoriaCodec.DEFAULT_MAX_MESSAGE_BYTES
              + " bytes; the event was dropped");
    }
    JsonNode root = Layers.parse(f, json, "event");
    if (isChoria(root)) {
      return choria(f, root, "");
    }
    if (isCloudEvent(root)) {
      JsonNode data = root.get("data");
      if (data == null || !data.isObject()) {
        throw f.fail(
            "data",
            "must be the Choria-format event as a JSON object, got "
                + (data == null ? "nothing" : Fields.describe(data)));
      }
      if (!isChoria(data)) {
        throw f.fail("data.protocol", "must start with io.choria.lifecycle (unsupported format)");
      }
      return choria(f, data, "data.");
    }
    throw f.fail(
        "event",
        "has an unsupported event format: expected a protocol starting with"
            + " io.choria.lifecycle (Choria format) or specversion 1.0 with source"
            + " io.choria.lifecycle (CloudEvents); legacy choria:lifecycle:<type>:1 events are"
            + " not accepted");
  }

  /**
   * Encodes an event in the given format.
   *
   * @param event the event
   * @param format the format
   * @return the JSON bytes
   */
  public static byte[] encode(LifecycleEvent event, LifecycleFormat format) {
    JsonNode node =
        switch (format) {
          case CHORIA -> choriaNode(event);
          case CLOUD_EVENTS -> cloudEventNode(event);
        };
    return ChoriaCodec.json(node).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Encodes an event in Choria format (what the Go provisioner emits).
   *
   * @param event the event
   * @return the JSON bytes
   */
  public static byte[] encodeChoria(LifecycleEvent event) {
    return encode(event, LifecycleFormat.CHORIA);
  }

  /**
   * Encodes an event as CloudEvents 1.0 (what a Go server emits), keys in go-choria's order.
   *
   * @param event the event
   * @return the JSON bytes
   */
  public static byte[] encodeCloudEvent(LifecycleEvent event) {
    return encode(event, LifecycleFormat.CLOUD_EVENTS);
  }

  private static boolean isChoria(JsonNode node) {
    JsonNode protocol = node.get("protocol");
    return protocol != null && protocol.isTextual() && protocol.textValue().startsWith(SOURCE);
  }

  private static boolean isCloudEvent(JsonNode node) {
    JsonNode spec = node.get("specversion");
    JsonNode source = node.get("source");
    return spec != null
        && source != null
        && "1.0".equals(spec.asText())
        && SOURCE.equals(source.asText());
  }

  private static LifecycleEvent choria(Fields f, JsonNode node, String prefix) {
    String protocol = f.text(node, "protocol", prefix + "protocol");
    String[] parts = protocol.split("\\.", -1);
    if (parts.length != 5 || !protocol.startsWith(LifecycleEvent.PROTOCOL_PREFIX)) {
      throw f.fail(
          prefix + "protocol",
          "must be io.choria.lifecycle.v1.<type>, got " + Checks.quote(protocol));
    }
    if (!LifecycleEvent.TYPES.contains(parts[4])) {
      throw f.fail(
          prefix + "protocol",
          "names the unknown event type "
              + Checks.quote(parts[4])
              + "; known types are alive, governor, provisioned, shutdown, startup, upgraded");
    }
    try {
      return new LifecycleEvent(
          parts[4],
          f.text(node, "id", prefix + "id"),
          f.text(node, "identity", prefix + "identity"),
          f.text(node, "component", prefix + "component"),
          f.integer(node, "timestamp", prefix + "timestamp"),
          f.optionalText(node, "version", prefix + "version"),
          f.optionalText(node, "new_version", prefix + "new_version"));
    } catch (ProtocolException e) {
      if (e.getMessage().startsWith(f.where())) {
        throw e;
      }
      throw f.wrap(e);
    }
  }

  private static ObjectNode choriaNode(LifecycleEvent event) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("protocol", event.protocol());
    node.put("id", event.id());
    node.put("identity", event.identity());
    node.put("component", event.component());
    node.put("timestamp", event.timestamp());
    if (event.version() != null) {
      node.put("version", event.version());
    }
    if (event.newVersion() != null) {
      node.put("new_version", event.newVersion());
    }
    return node;
  }

  private static ObjectNode cloudEventNode(LifecycleEvent event) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("specversion", "1.0");
    node.put("id", event.id());
    node.put("source", SOURCE);
    node.put("type", event.protocol());
    node.put("subject", event.identity());
    node.put("datacontenttype", "application/json");
    node.put(
        "time", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(event.timestamp())));
    node.set("data", choriaNode(event));
    return node;
  }
}
