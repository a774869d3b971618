package io.fleetwright.protocol;

import org.jspecify.annotations.Nullable;

/** Field checks shared by the records' compact constructors; messages name the field path. */
final class Checks {

  private Checks() {}

  static String present(@Nullable String value, String field) {
    if (value == null) {
      throw new ProtocolException(field + " is missing");
    }
    return value;
  }

  static String nonEmpty(@Nullable String value, String field) {
    if (present(value, field).isEmpty()) {
      throw new ProtocolException(field + " must not be empty");
    }
    return value;
  }

  static String protocol(@Nullable String value, String expected, String field) {
    if (!expected.equals(value)) {
      throw new ProtocolException(
          field
              + " must be \""
              + expected
              + "\", got "
              + (value == null ? "nothing" : quote(value)));
    }
    return value;
  }

  static String requestId(@Nullable String value, String field) {
    present(value, field);
    if (value.length() != RequestIds.LENGTH) {
      throw new ProtocolException(
          field + " must be 32 characters, got " + value.length() + " (" + quote(value) + ")");
    }
    return value;
  }

  static <T> T notNull(@Nullable T value, String field) {
    if (value == null) {
      throw new ProtocolException(field + " is missing");
    }
    return value;
  }

  static String quote(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "\"" + shown + "\"";
  }
}
