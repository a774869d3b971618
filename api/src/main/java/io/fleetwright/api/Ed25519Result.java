package io.fleetwright.api;

import java.util.Objects;

/**
 * Reply of {@code choria_provision#gen25519}; the helper receives it as {@code ed25519_pubkey}
 * ({@code public_key}, {@code directory}, {@code signature}).
 *
 * @param publicKey hex ed25519 public key
 * @param directory absolute configuration directory on the node
 * @param signature hex ed25519 signature over the raw nonce bytes
 */
public record Ed25519Result(String publicKey, String directory, String signature) {
  /** Validates the record. */
  public Ed25519Result {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(signature, "signature");
  }
}
