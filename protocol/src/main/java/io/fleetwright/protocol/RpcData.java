package io.fleetwright.protocol;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of an RPC body's {@code data}. Requests are read with Go's decoding rules, as a
 * Choria agent unmarshals its inputs into a struct: a missing or null key is the zero value, and a
 * value of another JSON type fails the whole request. Replies are read as the provisioner reads
 * them: a required string must be there and not be empty; an optional one is its text, or empty.
 */
public final class RpcData {

  private RpcData() {}

  /**
   * A string input; empty when absent or null.
   *
   * @param data the body's data
   * @param key the input
   * @return the value
   * @throws InvalidDataException when the value is not a string
   */
  public static String string(Map<String, ?> data, String key) {
    Object value = data.get(key);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw wrongType(key, value, "string");
    }
    return text;
  }

  /**
   * An integer input; 0 when absent or null. A float or a number beyond {@code int} is the wrong
   * type, as for Go's {@code int}.
   *
   * @param data the body's data
   * @param key the input
   * @return the value
   * @throws InvalidDataException when the value is not an integer
   */
  public static int integer(Map<String, ?> data, String key) {
    Object value = data.get(key);
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

  /**
   * A boolean input; empty when absent or null.
   *
   * @param data the body's data
   * @param key the input
   * @return the value
   * @throws InvalidDataException when the value is not a boolean
   */
  public static Optional<Boolean> flag(Map<String, ?> data, String key) {
    Object value = data.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean b)) {
      throw wrongType(key, value, "bool");
    }
    return Optional.of(b);
  }

  /**
   * An object-of-strings input, in the order it came; empty when absent or null. A null value reads
   * as the empty string.
   *
   * @param data the body's data
   * @param key the input
   * @return the value
   * @throws InvalidDataException when the value is not an object, or one of its values is not a
   *     string
   */
  public static Map<String, String> stringMap(Map<String, ?> data, String key) {
    Object value = data.get(key);
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

  /**
   * A string a reply must carry.
   *
   * @param data the reply's data
   * @param key the output
   * @return the value, not empty
   * @throws InvalidDataException when it is absent, empty or not a string
   */
  public static String required(Map<String, ?> data, String key) {
    if (data.get(key) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new InvalidDataException(key, "has no string '" + key + "'");
  }

  /**
   * A reply output as text; empty when absent or null.
   *
   * @param data the reply's data
   * @param key the output
   * @return the value's text
   */
  public static String optional(Map<String, ?> data, String key) {
    Object value = data.get(key);
    return value == null ? "" : value.toString();
  }

  private static InvalidDataException wrongType(String key, Object value, String type) {
    return new InvalidDataException(
        key, "field " + key + " must be a " + type + ", got " + jsonType(value) + " " + value);
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
