package io.fleetwright.fleet.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Remembers a node's private keys in text form and notices when one shows up in a reply. */
final class SecretWatch {
  private volatile List<String> markers = List.of();
  private volatile boolean leaked;

  /**
   * Remembers a private key's text forms. A slice that starts on a 64-character boundary stays
   * contiguous in raw base64 and in PEM lines alike.
   */
  synchronized void remember(byte[] der, boolean hexToo) {
    List<String> next = new ArrayList<>(markers);
    String base64 = Base64.getEncoder().encodeToString(der);
    // RSA DER starts with the public modulus, so sample two thirds in, where only private numbers
    // live.
    int start = base64.length() * 2 / 3 / 64 * 64;
    next.add(base64.length() > 200 ? base64.substring(start, start + 40) : base64);
    if (hexToo) {
      next.add(Hex.encode(der));
    }
    markers = List.copyOf(next);
  }

  /** Records a leak if {@code outgoing} contains any remembered key. */
  void inspect(String outgoing) {
    for (String marker : markers) {
      if (outgoing.contains(marker)) {
        leaked = true;
      }
    }
  }

  boolean leaked() {
    return leaked;
  }
}
