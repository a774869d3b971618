package io.fleetwright.credentials;

import java.util.Objects;

/**
 * A certificate issued for a node's CSR.
 *
 * @param certificatePem the node's certificate, PEM
 * @param caChainPem the CA certificate(s), PEM, sent to the node as {@code ca}
 * @param serial serial number, hex
 * @param fingerprintSha256 SHA-256 fingerprint of the DER certificate, hex
 */
public record IssuedCertificate(
    String certificatePem, String caChainPem, String serial, String fingerprintSha256) {
  /** Validates the record. */
  public IssuedCertificate {
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(caChainPem, "caChainPem");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
  }
}
