package io.fleetwright.credentials;

/** Issues a certificate for a node's validated CSR. */
@FunctionalInterface
public interface CertificateSigner {
  /**
   * Signs the CSR.
   *
   * @param identity the node, already checked to be the CSR's CN
   * @param csrPem the CSR
   * @return the certificate and the CA chain
   * @throws CredentialException {@link CredentialException.Reason#SIGNING_FAILED} when it cannot
   *     sign
   */
  IssuedCertificate sign(String identity, String csrPem);
}
