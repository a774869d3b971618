package io.fleetwright.api;

/**
 * The provisioner's optional steps, as in the Go provisioner's {@code features.*} keys.
 *
 * <p>As there, {@code ed25519} implies {@code jwt} (the constructor turns {@code jwt} on), and
 * {@code pki} and {@code ed25519} are mutually exclusive.
 *
 * @param pki request a CSR from the node, validate it, and let the helper or the built-in CA supply
 *     a certificate
 * @param jwt fetch and verify the node's provisioning JWT; its claims go to the helper and its ECDH
 *     key lets the helper send the node a private key
 * @param ed25519 have the node make an ed25519 key, prove possession over a nonce, and issue it a
 *     server JWT
 */
public record Features(boolean pki, boolean jwt, boolean ed25519) {
  /** No optional step: inventory, helper, configure, restart. */
  public static final Features NONE = new Features(false, false, false);

  /**
   * Normalises {@code jwt} and rejects the invalid combination.
   *
   * @throws IllegalArgumentException when both {@code pki} and {@code ed25519} are set
   */
  public Features {
    if (pki && ed25519) {
      throw new IllegalArgumentException(
          "features.pki and features.ed25519 are mutually exclusive: a node gets either an x509"
              + " certificate or an ed25519 server JWT; set one of them to false");
    }
    jwt = jwt || ed25519;
  }
}
