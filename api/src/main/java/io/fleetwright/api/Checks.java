package io.fleetwright.api;

import java.time.Duration;
import java.util.Objects;

/** Validation shared by the records of this package. */
final class Checks {
  private Checks() {}

  /**
   * Returns {@code identity} when it is present. The identity rules themselves (those of a NATS
   * subject) are checked once, where an identity enters: {@code NodeIdentity} in protocol, used by
   * discovery and the command line. Records here only carry the checked value as its string.
   */
  static String identity(String identity) {
    Objects.requireNonNull(identity, "identity must not be null; pass the node's Choria identity");
    if (identity.isBlank()) {
      throw new IllegalArgumentException(
          "identity must not be blank; pass the node's Choria identity, e.g. node1.example.net");
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
