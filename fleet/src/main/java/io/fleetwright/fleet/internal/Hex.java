package io.fleetwright.fleet.internal;

import java.util.HexFormat;

/** Lowercase hex, as Go's {@code hex.EncodeToString} writes it. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Encodes bytes. */
  public static String encode(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Decodes hex; throws {@link IllegalArgumentException} on bad input. */
  public static byte[] decode(String hex) {
    return HEX.parseHex(hex);
  }
}
