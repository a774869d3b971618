package io.fleetwright.workflows;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.ConfigureResult;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.EncryptedKey;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ServerJwtInput;
import io.fleetwright.api.SignedCertificate;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The helper said configure: sign, encrypt, configure, restart. */
final class ConfigureBranch {
  private final Steps steps;
  private final Features features;
  private final NodeProgress progress;
  private @Nullable ConfigureInput sent;

  ConfigureBranch(Steps steps, Features features, NodeProgress progress) {
    this.steps = steps;
    this.features = features;
    this.progress = progress;
  }

  ProvisionResult run(NodeFacts facts, HelperDecision.Configure decision) {
    progress.message(decision.msg());
    SignedCertificate signed = signIfAsked(facts, decision);
    EncryptedKey key = decision.key() == null ? null : encryptKey(facts, decision);
    String serverJwt =
        features.ed25519() ? steps.signServerJwt(serverJwtInput(facts, decision)) : null;
    ConfigureInput input = configureInput(facts, decision, signed, key, serverJwt);
    sent = input;
    String restarted = steps.durableChanges() ? apply(input) : configureThenRestart(input);
    List<String> keys = decision.configuration().keySet().stream().sorted().toList();
    return progress.finish(
        ProvisioningState.PROVISIONED,
        new WorkflowOutcome(
            restarted,
            keys,
            signed == null ? null : signed.serial(),
            signed == null ? null : signed.fingerprintSha256()));
  }

  /** What was sent to the node, once {@link #run} has configured it; for renewal. */
  @Nullable ConfigureInput sent() {
    return sent;
  }

  private String apply(ConfigureInput input) {
    ApplyResult applied = steps.apply(input);
    progress.message(applied.configured());
    return applied.restarted();
  }

  /** Runs before version 3 of {@code local-helper}: two steps, local activities in production. */
  private String configureThenRestart(ConfigureInput input) {
    ConfigureResult configured = steps.configure(input);
    progress.message(configured.message());
    return steps.restart();
  }

  private @Nullable SignedCertificate signIfAsked(
      NodeFacts facts, HelperDecision.Configure decision) {
    if (!decision.signCsr() || hasText(decision.certificate())) {
      return null;
    }
    CsrResult csr = facts.csr();
    if (csr == null) {
      throw failPermanently(
          io.fleetwright.api.FailureTypes.HELPER_OUTPUT_INVALID,
          ("the helper asked the built-in CA to sign %s's CSR (sign_csr), but features.pki is off"
                  + " so the node made no CSR; enable features.pki or stop setting sign_csr")
              .formatted(facts.identity()));
    }
    return steps.signCsr(csr.csrPem());
  }

  private EncryptedKey encryptKey(NodeFacts facts, HelperDecision.Configure decision) {
    JwtResult jwt = facts.jwt();
    if (jwt == null || decision.key() == null) {
      throw failPermanently(
          io.fleetwright.api.FailureTypes.KEY_EXCHANGE_UNAVAILABLE,
          ("the helper returned a private key for %s, but features.jwt is off so the node offered"
                  + " no ECDH key to encrypt it with; enable features.jwt or stop returning key")
              .formatted(facts.identity()));
    }
    return steps.encryptKey(decision.key(), jwt.ecdhPublic());
  }

  private ServerJwtInput serverJwtInput(NodeFacts facts, HelperDecision.Configure decision) {
    if (facts.ed25519() == null) {
      throw new IllegalStateException("ed25519 feature on but no ed25519 key gathered");
    }
    return new ServerJwtInput(
        facts.identity(),
        facts.ed25519().publicKey(),
        decision.serverClaimsJson(),
        decision.configuration());
  }

  private static ConfigureInput configureInput(
      NodeFacts facts,
      HelperDecision.Configure decision,
      @Nullable SignedCertificate signed,
      @Nullable EncryptedKey key,
      @Nullable String serverJwt) {
    CsrResult csr = facts.csr();
    String sslDir = csr != null && hasText(csr.sslDir()) ? csr.sslDir() : decision.sslDir();
    return new ConfigureInput(
        facts.identity(),
        decision.configuration(),
        signed == null ? decision.certificate() : signed.certificatePem(),
        signed == null ? decision.ca() : signed.caChainPem(),
        sslDir,
        key,
        serverJwt,
        decision.actionPolicies(),
        decision.opaPolicies());
  }

  private ApplicationFailure failPermanently(String type, String message) {
    return steps.fail(message, ApplicationFailure.newNonRetryableFailure(message, type));
  }

  private static boolean hasText(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
