package io.fleetwright.activities;

import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.CsrInfo;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.EncryptedKey;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.JwtClaims;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.api.ServerJwtInput;
import io.fleetwright.api.SignedCertificate;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Checks and signing with the provisioner's own keys. CPU only, so fine as local activities. */
public final class CredentialActivitiesImpl implements CredentialActivities {
  private final CsrChecks csrChecks;
  private final Optional<JwtVerifier> jwtVerifier;
  private final Optional<CertificateSigner> signer;
  private final SecretSealer sealer;
  private final Optional<ServerJwtSigner> jwtSigner;

  /**
   * Creates the activities.
   *
   * @param certDenyList regexes that CSR names may not match
   * @param jwtVerifyCert the key that verifies provisioning JWTs, when the jwt feature is on
   * @param signer the built-in CA, when configured
   * @param sealer opens sealed secrets
   * @param clock the time JWT validity is checked against
   */
  public CredentialActivitiesImpl(
      List<String> certDenyList,
      Optional<String> jwtVerifyCert,
      Optional<CertificateSigner> signer,
      SecretSealer sealer,
      Clock clock) {
    this(certDenyList, jwtVerifyCert, signer, Optional.empty(), sealer, clock);
  }

  /**
   * Creates the activities, with server JWT signing.
   *
   * @param certDenyList regexes that CSR names may not match
   * @param jwtVerifyCert the key that verifies provisioning JWTs, when the jwt feature is on
   * @param signer the built-in CA, when configured
   * @param jwtSigner signs server JWTs ({@code jwt_signing_key}), when features.ed25519 is on
   * @param sealer opens sealed secrets
   * @param clock the time JWT validity is checked against
   */
  public CredentialActivitiesImpl(
      List<String> certDenyList,
      Optional<String> jwtVerifyCert,
      Optional<CertificateSigner> signer,
      Optional<ServerJwtSigner> jwtSigner,
      SecretSealer sealer,
      Clock clock) {
    this.csrChecks = new CsrChecks(certDenyList);
    this.jwtVerifier = jwtVerifyCert.map(key -> JwtVerifier.fromConfig(key, clock));
    this.signer = signer;
    this.jwtSigner = jwtSigner;
    this.sealer = sealer;
  }

  @Override
  public JwtClaims validateJwt(String identity, SealedSecret jwt) {
    JwtVerifier verifier =
        jwtVerifier.orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "cannot verify the provisioning JWT of "
                        + identity
                        + ": set jwt_verify_cert in the config",
                    FailureTypes.JWT_INVALID));
    return new JwtClaims(verifier.verify(identity, sealer.open(jwt)));
  }

  @Override
  public void verifyEd25519(String identity, String nonce, Ed25519Result result) {
    Ed25519Check.verify(identity, nonce, result);
  }

  @Override
  public CsrInfo validateCsr(String identity, String csrPem) {
    return csrChecks.validate(identity, csrPem);
  }

  @Override
  public SignedCertificate signCsr(String identity, String csrPem) {
    return signer
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "the helper asked the built-in CA to sign the CSR of "
                        + identity
                        + ", but no CA is configured; add a ca: section to the config",
                    FailureTypes.SIGNING_FAILED))
        .sign(identity, csrPem);
  }

  @Override
  public String signServerJwt(ServerJwtInput input) {
    return jwtSigner
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "cannot sign the server JWT of "
                        + input.identity()
                        + " (features.ed25519): set jwt_signing_key to an ed25519 seed file",
                    FailureTypes.SIGNING_FAILED))
        .sign(input);
  }

  @Override
  public EncryptedKey encryptKeyForNode(SealedSecret keyPem, String nodeEcdhPublic) {
    return EcdhKeyEncryptor.encrypt("the node", sealer.open(keyPem), nodeEcdhPublic);
  }
}
