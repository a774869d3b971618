package io.fleetwright.api;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CredentialActivities#validateCsr} found in a valid CSR.
 *
 * @param commonName the subject CN, equal to the node identity
 * @param dnsNames the DNS subject alternative names
 * @param keyType e.g. {@code RSA}, {@code EC}, {@code Ed25519}
 * @param keyBits key size in bits
 * @param signatureAlgorithm e.g. {@code SHA256withRSA}
 */
public record CsrInfo(
    String commonName,
    List<String> dnsNames,
    String keyType,
    int keyBits,
    String signatureAlgorithm) {
  /** Validates and copies. */
  public CsrInfo {
    Objects.requireNonNull(commonName, "commonName");
    dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    keyType = Checks.orEmpty(keyType);
    signatureAlgorithm = Checks.orEmpty(signatureAlgorithm);
  }
}
