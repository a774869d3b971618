package io.fleetwright.api;

import java.util.Objects;

/**
 * Reply of {@code choria_provision#gencsr}; the helper receives it as {@code csr} ({@code csr},
 * {@code public_key}, {@code ssldir}). The node keeps the private key in {@code sslDir}.
 *
 * @param csrPem PEM "CERTIFICATE REQUEST"
 * @param publicKeyPem the node's public key, PEM
 * @param sslDir the node's SSL directory, where configure writes the certificate
 */
public record CsrResult(String csrPem, String publicKeyPem, String sslDir) {
  /** Validates the record. */
  public CsrResult {
    Objects.requireNonNull(csrPem, "csrPem");
    publicKeyPem = Checks.orEmpty(publicKeyPem);
    sslDir = Checks.orEmpty(sslDir);
  }
}
