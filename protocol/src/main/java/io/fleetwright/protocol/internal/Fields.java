package io.fleetwright.protocol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.protocol.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * Checks the presence and JSON type of fields in a parsed message and builds failures whose message
 * starts with what was being read and on which subject, e.g. {@code request on
 * provisioning.node.n1: envelope.ttl is missing}.
 */
public final class Fields {

  private static final int SHOWN = 80;

  private final String where;

  /**
   * Creates a checker for one message.
   *
   * @param kind what is being read, e.g. {@code request}, {@code reply}, {@code lifecycle event}
   * @param subject the NATS subject it came from, or null when unknown
   */
  public Fields(String kind, @Nullable String subject) {
    this.where = subject == null || subject.isEmpty() ? kind : kind + " on " + subject;
  }

  /**
   * The prefix of every message, e.g. {@code request on provisioning.node.n1}.
   *
   * @return the prefix
   */
  public String where() {
    return where;
  }

  /**
   * A failure naming the field.
   *
   * @param field the dotted path of the field
   * @param problem what is wrong with it and what was found
   * @return the exception to throw
   */
  public ProtocolException fail(String field, String problem) {
    return new ProtocolException(where + ": " + field + " " + problem);
  }

  /**
   * A failure naming the field, with a cause.
   *
   * @param field the dotted path of the field
   * @param problem what is wrong with it and what was found
   * @param cause the lower-level failure
   * @return the exception to throw
   */
  public ProtocolException fail(String field, String problem, Throwable cause) {
    return new ProtocolException(where + ": " + field + " " + problem, cause);
  }

  /**
   * Re-throws a record validation failure with this message's prefix.
   *
   * @param e the failure from a record's compact constructor
   * @return the exception to throw
   */
  public ProtocolException wrap(ProtocolException e) {
    return new ProtocolException(where + ": " + e.getMessage(), e);
  }

  /**
   * Requires a JSON object field.
   *
   * @param parent the containing object
   * @param name the field name
   * @param path the dotted path used in messages
   * @return the object node
   */
  public JsonNode object(JsonNode parent, String name, String path) {
    JsonNode node = present(parent, name, path);
    if (!node.isObject()) {
      throw fail(path, "must be a JSON object, got " + describe(node));
    }
    return node;
  }

  /**
   * Requires a JSON string field.
   *
   * @param parent the containing object
   * @param name the field name
   * @param path the dotted path used in messages
   * @return the string value
   */
  public String text(JsonNode parent, String name, String path) {
    JsonNode node = present(parent, name, path);
    if (!node.isTextual()) {
      throw fail(path, "must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  /**
   * Requires a JSON integer field that fits a long.
   *
   * @param parent the containing object
   * @param name the field name
   * @param path the dotted path used in messages
   * @return the value
   */
  public long integer(JsonNode parent, String name, String path) {
    JsonNode node = present(parent, name, path);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail(path, "must be an integer, got " + describe(node));
    }
    return node.longValue();
  }

  /**
   * Requires a JSON array field (present and not null).
   *
   * @param parent the containing object
   * @param name the field name
   * @param path the dotted path used in messages
   * @return the array node
   */
  public JsonNode array(JsonNode parent, String name, String path) {
    JsonNode node = present(parent, name, path);
    if (!node.isArray()) {
      throw fail(path, "must be an array, got " + describe(node));
    }
    return node;
  }

  /**
   * Checks an optional field: absent is fine, otherwise it must be an array.
   *
   * @param parent the containing object
   * @param name the field name
   * @param path the dotted path used in messages
   */
  public void optionalArray(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node != null && !node.isArray()) {
      throw fail(path, "must be an array when present, got " + describe(node));
    }
  }

  /**
   * Checks an optional field: absent or null is fine, otherwise it must be a string.
   *
   * @param parent the containing object
   * @param name the field name
   * @param path the dotted path used in messages
   * @return the string, or null when absent
   */
  public @Nullable String optionalText(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw fail(path, "must be a string when present, got " + describe(node));
    }
    return node.textValue();
  }

  private JsonNode present(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw fail(path, node == null ? "is missing" : "is null");
    }
    return node;
  }

  /**
   * A short, safe rendering of a value for error messages.
   *
   * @param node the value
   * @return its type and a truncated rendering
   */
  public static String describe(JsonNode node) {
    String text = node.toString();
    if (text.length() > SHOWN) {
      text = text.substring(0, SHOWN) + "...";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + text;
  }

  /**
   * A short, safe rendering of raw text for error messages.
   *
   * @param text the text
   * @return the text truncated to a readable length
   */
  public static String shorten(String text) {
    return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
  }
}
