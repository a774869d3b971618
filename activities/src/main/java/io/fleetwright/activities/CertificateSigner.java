package io.fleetwright.activities;

import io.fleetwright.api.SignedCertificate;

/** Issues a certificate for a node's validated CSR. */
@FunctionalInterface
public interface CertificateSigner {
  /**
   * Signs the CSR.
   *
   * @param identity the node, already checked to be the CSR's CN
   * @param csrPem the CSR
   * @return the certificate and the CA chain
   */
  SignedCertificate sign(String identity, String csrPem);
}
