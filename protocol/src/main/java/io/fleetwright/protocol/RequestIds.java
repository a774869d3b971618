package io.fleetwright.protocol;

import java.util.UUID;

/** Request ids of protocol v1: 32 lowercase hex characters, a v4 UUID without dashes. */
public final class RequestIds {

  /** The exact length of a v1 request id. */
  public static final int LENGTH = 32;

  private RequestIds() {}

  /**
   * A new random request id.
   *
   * @return 32 lowercase hex characters
   */
  public static String next() {
    UUID uuid = UUID.randomUUID();
    return hex16(uuid.getMostSignificantBits()) + hex16(uuid.getLeastSignificantBits());
  }

  /**
   * Whether a string has the shape Go clients produce (32 lowercase hex characters). Servers only
   * check the length.
   *
   * @param id the candidate
   * @return true when it is 32 lowercase hex characters
   */
  public static boolean isWellFormed(String id) {
    if (id == null || id.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static String hex16(long bits) {
    String hex = Long.toHexString(bits);
    return "0".repeat(16 - hex.length()) + hex;
  }
}
