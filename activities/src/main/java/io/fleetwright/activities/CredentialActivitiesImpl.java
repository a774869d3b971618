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
import io.fleetwright.credentials.CertificateSigner;
import io.fleetwright.credentials.CsrChecks;
import io.fleetwright.credentials.CsrFacts;
import io.fleetwright.credentials.EcdhKeyEncryptor;
import io.fleetwright.credentials.Ed25519Check;
import io.fleetwright.credentials.IssuedCertificate;
import io.fleetwright.credentials.JwtVerifier;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.credentials.ServerJwtSigner;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Checks and signing with the provisioner's own keys: a thin adapter over the credentials module
 * that maps its records to the api's and its refusals to {@link FailureTypes}. CPU only, so fine as
 * local activities.
 */
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
    return CredentialFailures.mapped(
        () -> new JwtClaims(verifier.verify(identity, sealer.open(jwt.ciphertext()))));
  }

  @Override
  public void verifyEd25519(String identity, String nonce, Ed25519Result result) {
    CredentialFailures.mapped(
        () -> {
          Ed25519Check.verify(identity, nonce, result.publicKey(), result.signature());
          return null;
        });
  }

  @Override
  public CsrInfo validateCsr(String identity, String csrPem) {
    CsrFacts facts = CredentialFailures.mapped(() -> csrChecks.validate(identity, csrPem));
    return new CsrInfo(
        facts.commonName(),
        facts.dnsNames(),
        facts.keyType(),
        facts.keyBits(),
        facts.signatureAlgorithm());
  }

  @Override
  public SignedCertificate signCsr(String identity, String csrPem) {
    CertificateSigner ca =
        signer.orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "the helper asked the built-in CA to sign the CSR of "
                        + identity
                        + ", but no CA is configured; add a ca: section to the config",
                    FailureTypes.SIGNING_FAILED));
    IssuedCertificate issued = CredentialFailures.mapped(() -> ca.sign(identity, csrPem));
    return new SignedCertificate(
        issued.certificatePem(), issued.caChainPem(), issued.serial(), issued.fingerprintSha256());
  }

  @Override
  public String signServerJwt(ServerJwtInput input) {
    ServerJwtSigner jwts =
        jwtSigner.orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "cannot sign the server JWT of "
                        + input.identity()
                        + " (features.ed25519): set jwt_signing_key to an ed25519 seed file",
                    FailureTypes.SIGNING_FAILED));
    return CredentialFailures.mapped(
        () ->
            jwts.sign(
                input.identity(),
                input.ed25519PublicKey(),
                input.serverClaimsJson(),
                input.configuration()));
  }

  @Override
  public EncryptedKey encryptKeyForNode(SealedSecret keyPem, String nodeEcdhPublic) {
    EcdhKeyEncryptor.Encrypted encrypted =
        CredentialFailures.mapped(
            () ->
                EcdhKeyEncryptor.encrypt(
                    "the node", sealer.open(keyPem.ciphertext()), nodeEcdhPublic));
    return new EncryptedKey(encrypted.encryptedPem(), encrypted.provisionerEcdhPublic());
  }
}
