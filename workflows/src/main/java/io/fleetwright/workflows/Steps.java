package io.fleetwright.workflows;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.ConfigureResult;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.EncryptedKey;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.JwtClaims;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.NodeReads;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.api.ServerJwtInput;
import io.fleetwright.api.SignedCertificate;
import io.fleetwright.api.StepOutcome;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The provisioning steps of one node: each waits while the node is paused, is timed, and turns a
 * final activity failure into the workflow's {@code PROVISIONING_FAILED} failure.
 */
final class Steps {
  /** The steps that only read the node, retried for {@code read_steps_budget}. */
  private static final Set<ProvisioningStep> READS =
      EnumSet.of(
          ProvisioningStep.JWT,
          ProvisioningStep.ED25519,
          ProvisioningStep.INVENTORY,
          ProvisioningStep.CSR,
          ProvisioningStep.INVENTORY_AND_CSR);

  private final String identity;
  private final NodeProgress progress;
  private final Stubs stubs;
  private final CaQueue ca;

  Steps(String identity, NodeProgress progress, Stubs stubs, CaQueue ca) {
    this.identity = identity;
    this.progress = progress;
    this.stubs = stubs;
    this.ca = ca;
  }

  NodeFacts jwt(NodeFacts facts) {
    return run(
        ProvisioningStep.JWT,
        () -> {
          JwtResult fetched = stubs.rpc().fetchJwt(identity);
          JwtClaims claims = stubs.credentials().validateJwt(identity, fetched.jwt());
          return facts.withJwt(fetched, claims);
        });
  }

  NodeFacts ed25519(NodeFacts facts, String nonce) {
    return run(
        ProvisioningStep.ED25519,
        () -> {
          Ed25519Result result = stubs.rpc().generateEd25519(identity, nonce);
          stubs.credentials().verifyEd25519(identity, nonce, result);
          return facts.withEd25519(result);
        });
  }

  NodeFacts inventory(NodeFacts facts) {
    return run(
        ProvisioningStep.INVENTORY,
        () -> facts.withInventory(stubs.rpc().fetchInventory(identity)));
  }

  NodeFacts csr(NodeFacts facts) {
    return run(
        ProvisioningStep.CSR,
        () -> {
          if (stubs.lean()) {
            return facts.withCsr(stubs.rpc().requestCheckedCsr(identity));
          }
          CsrResult csr = stubs.rpc().requestCsr(identity);
          stubs.credentials().validateCsr(identity, csr.csrPem());
          return facts.withCsr(csr);
        });
  }

  /** Inventory and the checked CSR in one local activity (see {@link Stubs#foldedReads}). */
  NodeFacts inventoryAndCsr(NodeFacts facts) {
    return run(
        ProvisioningStep.INVENTORY_AND_CSR,
        () -> {
          NodeReads reads = stubs.rpc().fetchInventoryAndCheckedCsr(identity);
          return facts.withInventory(reads.inventory()).withCsr(reads.csr());
        });
  }

  /** Whether a first attempt's inventory and CSR are one activity. */
  boolean foldedReads() {
    return stubs.foldedReads();
  }

  HelperDecision runHelper(NodeFacts facts) {
    return run(
        ProvisioningStep.HELPER, () -> ca.helper(stubs.helper()).runHelper(facts.helperInput()));
  }

  SignedCertificate signCsr(String csrPem) {
    return run(
        ProvisioningStep.SIGN_CSR, () -> ca.signer(stubs.credentials()).signCsr(identity, csrPem));
  }

  EncryptedKey encryptKey(SealedSecret key, String nodeEcdhPublic) {
    return run(
        ProvisioningStep.ENCRYPT_KEY,
        () -> stubs.credentials().encryptKeyForNode(key, nodeEcdhPublic));
  }

  String signServerJwt(ServerJwtInput input) {
    return run(ProvisioningStep.SIGN_SERVER_JWT, () -> stubs.credentials().signServerJwt(input));
  }

  ConfigureResult configure(ConfigureInput input) {
    checkpoint();
    return run(ProvisioningStep.CONFIGURE, () -> stubs.rpc().configure(input));
  }

  /**
   * Configures and restarts the node in one regular activity (see {@link Stubs#durableChanges}).
   */
  ApplyResult apply(ConfigureInput input) {
    return run(
        ProvisioningStep.CONFIGURE_AND_RESTART, () -> stubs.changes().applyConfiguration(input));
  }

  String restart() {
    return run(ProvisioningStep.RESTART, () -> stubs.rpc().restart(identity));
  }

  String shutdown() {
    if (stubs.durableChanges()) {
      return run(ProvisioningStep.SHUTDOWN, () -> stubs.changes().shutdownNode(identity));
    }
    checkpoint();
    return run(ProvisioningStep.SHUTDOWN, () -> stubs.rpc().shutdown(identity));
  }

  /** Whether the steps that change the node run as {@link Stubs#changes} activities. */
  boolean durableChanges() {
    return stubs.durableChanges();
  }

  /** Ends the workflow task, so history holds every local activity before the node changes. */
  private void checkpoint() {
    if (stubs.checkpointBeforeChanges()) {
      Workflow.newTimer(
              Duration.ofMillis(1),
              TimerOptions.newBuilder().setSummary(StepSummaries.CHECKPOINT).build())
          .get();
    }
  }

  <T> T run(ProvisioningStep step, Supplier<T> action) {
    return run(step, null, true, action);
  }

  /**
   * Runs one step. With {@code gated}, a paused node waits here before the step starts, so resume
   * continues exactly where it stopped.
   */
  <T> T run(ProvisioningStep step, @Nullable Instant retryAt, boolean gated, Supplier<T> action) {
    if (gated && progress.paused()) {
      progress.next(step);
      progress.rest();
      Workflow.await(() -> !progress.paused());
    }
    progress.enter(step, retryAt);
    try {
      T result = action.get();
      progress.leave(StepOutcome.SUCCEEDED);
      return result;
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure
          || CancellationScope.current().isCancelRequested()) {
        progress.leave(StepOutcome.CANCELLED);
        throw new CanceledFailure("cancelled during " + step);
      }
      progress.leave(StepOutcome.FAILED);
      throw fail(describe(step, failure), failure);
    } catch (CanceledFailure cancelled) {
      progress.leave(StepOutcome.CANCELLED);
      throw cancelled;
    }
  }

  /** Ends the node FAILED and returns the workflow failure to throw. */
  ApplicationFailure fail(String message, @Nullable Throwable cause) {
    ProvisionResult result =
        progress.finish(ProvisioningState.FAILED, WorkflowOutcome.message(message));
    Workflow.getLogger(Steps.class).warn("{}", message);
    return ApplicationFailure.newNonRetryableFailureWithCause(
        message, FailureTypes.PROVISIONING_FAILED, cause, result);
  }

  private String describe(ProvisioningStep step, ActivityFailure failure) {
    Throwable cause = failure.getCause();
    boolean budgetSpent = failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT;
    if (cause instanceof TimeoutFailure timeout
        && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE
        && timeout.getCause() != null) {
      // The time budget ran out during an attempt: the attempt's failure says what went wrong.
      cause = timeout.getCause();
    }
    String type;
    String detail;
    if (cause instanceof ApplicationFailure application) {
      type = application.getType();
      detail = application.getOriginalMessage();
    } else if (cause instanceof TimeoutFailure timeout) {
      type = "timeout " + timeout.getTimeoutType();
      detail = "the activity did not finish in time";
    } else {
      type = cause == null ? "unknown" : cause.getClass().getSimpleName();
      detail = cause == null ? failure.getMessage() : cause.getMessage();
    }
    String retries =
        failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
            ? FailureHints.retriesSpent(type, identity)
            : budgetSpent
                ? "; gave up when its retry time%s was spent, check the node is up and reachable"
                    .formatted(READS.contains(step) ? " (read_steps_budget)" : "")
                : "";
    return "%s failed for %s (%s): %s%s".formatted(step, identity, type, detail, retries);
  }
}
