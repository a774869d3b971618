package io.fleetwright.fleet.internal;

import java.util.Base64;

/** PEM text encoding with 64-character lines, as Go's {@code pem.EncodeToMemory} writes it. */
public final class Pem {
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

  private Pem() {}

  /** Encodes {@code der} as a PEM block of {@code type}. */
  public static String encode(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + MIME.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
