package io.fleetwright.fleet.internal;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of an RPC request's data with Go's decoding rules: a missing or null key is the zero
 * value, a value of the wrong JSON type fails the whole request with status 4.
 */
final class RequestData {
  /** A value of the wrong type; the message names the action and the field. */
  static final class InvalidData extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidData(String message) {
      super(message);
    }
  }

  private final ActionCall call;

  RequestData(ActionCall call) {
    this.call = call;
  }

  String string(String key) throws InvalidData {
    Object value = call.data().get(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw wrongType(key, value, "string");
    }
    return text;
  }

  int integer(String key) throws InvalidData {
    Object value = call.data().get(key);
    if (value == null) {
      return 0;
    }
    boolean integral =
        value instanceof Integer
            || value instanceof Long
            || value instanceof Short
            || value instanceof BigInteger;
    if (!integral || ((Number) value).longValue() != ((Number) value).intValue()) {
      throw wrongType(key, value, "int");
    }
    return ((Number) value).intValue();
  }

  /** A boolean input; empty when absent or null. */
  java.util.Optional<Boolean> flag(String key) throws InvalidData {
    Object value = call.data().get(key);
    if (value == null) {
      return java.util.Optional.empty();
    }
    if (!(value instanceof Boolean b)) {
      throw wrongType(key, value, "bool");
    }
    return java.util.Optional.of(b);
  }

  /** The raw value of an input, or null. */
  Object raw(String key) {
    return call.data().get(key);
  }

  Map<String, String> stringMap(String key) throws InvalidData {
    Object value = call.data().get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw wrongType(key, value, "map[string]string");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getValue() == null) {
        out.put(String.valueOf(e.getKey()), "");
      } else if (e.getValue() instanceof String text) {
        out.put(String.valueOf(e.getKey()), text);
      } else {
        throw wrongType(key + "." + e.getKey(), e.getValue(), "string");
      }
    }
    return out;
  }

  private InvalidData wrongType(String key, Object value, String type) {
    return new InvalidData(
        "Could not parse request data for "
            + call.agent()
            + "#"
            + call.action()
            + ": field "
            + key
            + " must be a "
            + type
            + ", got "
            + jsonType(value)
            + " "
            + value);
  }

  private static String jsonType(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Map) {
      return "object";
    }
    return value instanceof Iterable ? "array" : "value";
  }
}
