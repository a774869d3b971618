package io.fleetwright.api;

import java.time.Duration;
import java.util.Objects;

/** Validation shared by the records of this package. */
final class Checks {
  private static final int MAX_IDENTITY_LENGTH = 255;

  private Checks() {}

  /**
   * Returns {@code identity} when it can name a Choria node in a NATS subject and a workflow ID.
   */
  static String identity(String identity) {
    Objects.requireNonNull(identity, "identity must not be null; pass the node's Choria identity");
    if (identity.isBlank()) {
      throw new IllegalArgumentException(
          "identity must not be blank; pass the node's Choria identity, e.g. node1.example.net");
    }
    if (identity.length() > MAX_IDENTITY_LENGTH) {
      throw new IllegalArgumentException(
          "identity '%s...' is %d characters long; Choria identities are at most %d"
              .formatted(identity.substring(0, 40), identity.length(), MAX_IDENTITY_LENGTH));
    }
    for (int i = 0; i < identity.length(); i++) {
      char c = identity.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '*' || c == '>') {
        throw new IllegalArgumentException(
            ("identity '%s' contains '%s' at position %d; an identity is one NATS subject token"
                    + " without whitespace or the wildcards * and >, e.g. node1.example.net")
                .formatted(
                    identity, Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : c, i));
      }
    }
    return identity;
  }

  static Duration positive(Duration value, String field) {
    Objects.requireNonNull(value, field + " must not be null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, e.g. PT1M; got " + value);
    }
    return value;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
