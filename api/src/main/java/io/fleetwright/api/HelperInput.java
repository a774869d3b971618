package io.fleetwright.api;

import org.jspecify.annotations.Nullable;

/**
 * What the helper receives: the Go provisioner's Host JSON. The helper runtime writes it as {@code
 * {"identity":…, "csr":{"csr","public_key","ssldir"}|null, "ed25519_pubkey":{"public_key",
 * "directory","signature"}|null, "inventory":"<JSON string>", "jwt":{claims}|null}}.
 *
 * @param identity the node
 * @param csr the CSR (feature {@code pki}), or {@code null}
 * @param ed25519Pubkey the node's ed25519 key and nonce signature (feature {@code ed25519}), or
 *     {@code null}
 * @param inventory the inventory as a JSON string with sorted keys; the helper gets it as a string
 * @param jwtClaims the verified JWT claims as a JSON object text (feature {@code jwt}), embedded as
 *     an object; or {@code null}
 */
public record HelperInput(
    String identity,
    @Nullable CsrResult csr,
    @Nullable Ed25519Result ed25519Pubkey,
    String inventory,
    @Nullable String jwtClaims) {
  /** Validates the record. */
  public HelperInput {
    Checks.identity(identity);
    inventory = Checks.orEmpty(inventory);
  }
}
