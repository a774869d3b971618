package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;

/**
 * Checks and signing with the provisioner's own keys (JWT verification key, CA, JWT signing key).
 * CPU only and fast, so they may run as local activities ({@link
 * ProvisionInput#localActivities()}). Permanent problems throw non-retryable failures of the
 * documented {@link FailureTypes}.
 */
@ActivityInterface
public interface CredentialActivities {
  /**
   * Verifies the node's provisioning JWT with {@code jwt_verify_cert} and returns its claims,
   * secret claims redacted.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#JWT_INVALID}
   */
  JwtClaims validateJwt(String identity, SealedSecret jwt);

  /**
   * Checks that {@code result.signature} is a valid ed25519 signature over {@code nonce} under
   * {@code result.publicKey}.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#ED25519_INVALID}
   */
  void verifyEd25519(String identity, String nonce, Ed25519Result result);

  /**
   * Parses the CSR, checks its signature, that the CN equals {@code identity}, and that neither the
   * CN nor a DNS name matches {@code cert_deny_list}.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#CSR_INVALID} or {@link
   *     FailureTypes#CSR_NAME_DENIED}
   */
  CsrInfo validateCsr(String identity, String csrPem);

  /**
   * Issues a certificate for the CSR from the built-in CA.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#SIGNING_FAILED}
   */
  SignedCertificate signCsr(String identity, String csrPem);

  /**
   * Issues the node's server JWT (feature {@code ed25519}) signed with {@code jwt_signing_key};
   * returns the compact JWT.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#SIGNING_FAILED}
   */
  String signServerJwt(ServerJwtInput input);

  /**
   * Unseals the helper's private key and encrypts it for the node with a fresh X25519 key pair
   * against {@code nodeEcdhPublic}.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#SEALED_SECRET_INVALID}
   */
  EncryptedKey encryptKeyForNode(SealedSecret keyPem, String nodeEcdhPublic);
}
