package io.fleetwright.api;

import java.util.Objects;

/**
 * A private key encrypted for one node (legacy PEM encryption, AES-256-CBC, with the X25519 shared
 * secret as password). Safe to store: only the node can decrypt it, and the provisioner's ECDH
 * private key is discarded.
 *
 * @param encryptedPem the encrypted PEM, sent as {@code configure.key}
 * @param provisionerEcdhPublic the provisioner's X25519 public key, hex, sent as {@code
 *     configure.ecdh_public}
 */
public record EncryptedKey(String encryptedPem, String provisionerEcdhPublic) {
  /** Validates the record. */
  public EncryptedKey {
    Objects.requireNonNull(encryptedPem, "encryptedPem");
    Objects.requireNonNull(provisionerEcdhPublic, "provisionerEcdhPublic");
  }
}
