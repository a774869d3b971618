package io.fleetwright.credentials;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CsrChecks#validate} found in a valid CSR.
 *
 * @param commonName the subject CN, equal to the node identity
 * @param dnsNames the DNS subject alternative names
 * @param keyType {@code RSA}, {@code EC}, {@code Ed25519}
 * @param keyBits key size in bits
 * @param signatureAlgorithm e.g. {@code SHA256withRSA}
 */
public record CsrFacts(
    String commonName,
    List<String> dnsNames,
    String keyType,
    int keyBits,
    String signatureAlgorithm) {
  /** Validates and copies. */
  public CsrFacts {
    Objects.requireNonNull(commonName, "commonName");
    dnsNames = List.copyOf(dnsNames);
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
  }
}
