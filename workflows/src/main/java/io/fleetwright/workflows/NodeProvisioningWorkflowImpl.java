package io.fleetwright.workflows;

import io.fleetwright.api.ApprovalPolicy;
import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.DeferPolicy;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Provisions one node like the Go provisioner's {@code Provision()}, with durable deferral retries,
 * pause, resume and cancellation.
 */
public class NodeProvisioningWorkflowImpl implements NodeProvisioningWorkflow {
  private static final Logger log = Workflow.getLogger(NodeProvisioningWorkflowImpl.class);

  private final NodeProgress progress = new NodeProgress();
  private @Nullable Steps steps;
  private @Nullable ApprovalGate approvals;
  private boolean retryRequested;
  private boolean waitingForRetry;
  private @Nullable Promise<Void> deferTimer;

  @Override
  public ProvisionResult provision(ProvisionInput input) {
    progress.begin(input);
    Stubs stubs = Stubs.create(input.localActivities());
    if (stubs.localHelper()) {
      progress.batchUpserts();
    }
    if (stubs.lean()) {
      progress.attributesSetAtStart();
    }
    steps = new Steps(input.identity(), progress, stubs, new CaQueue(input.caRoute()));
    approvals = new ApprovalGate(steps, progress);
    try {
      return attempts(input);
    } catch (CanceledFailure cancelled) {
      Workflow.newDetachedCancellationScope(
              () -> progress.finish(ProvisioningState.CANCELLED, cancelledOutcome()))
          .run();
      throw cancelled;
    }
  }

  private ProvisionResult attempts(ProvisionInput input) {
    Random random = Workflow.newRandom();
    Features features = input.features();
    NodeFacts facts = NodeFacts.none(input.identity());
    NodeUpgrade upgrade = new NodeUpgrade(steps(), progress, features.upgrades());
    for (int attempt = 1; ; attempt++) {
      progress.attempt(attempt);
      facts = gather(features, facts, attempt == 1, random);
      HelperDecision decision = steps().runHelper(facts);
      while (upgrade.restarted(facts, decision)) {
        facts = gather(features, facts, false, random);
        decision = steps().runHelper(facts);
      }
      switch (decision) {
        case HelperDecision.Configure configure -> {
          ConfigureBranch branch = new ConfigureBranch(steps(), features, progress);
          ProvisionResult result = branch.run(facts, configure);
          return new Renewal(input, steps(), progress).after(result, branch.sent());
        }
        case HelperDecision.Shutdown shutdown -> {
          return shutdown(shutdown);
        }
        case HelperDecision.Defer defer -> deferOrFail(input.defer(), attempt, defer, random);
        case HelperDecision.Approval approval -> {
          ApprovalGate.Verdict verdict = approvals().await(approval.reason(), input.approval());
          if (verdict == ApprovalGate.Verdict.APPROVED) {
            return new ConfigureBranch(steps(), features, progress)
                .run(facts, approval.configure());
          }
          if (verdict == ApprovalGate.Verdict.REJECTED) {
            return progress.finish(
                ProvisioningState.REJECTED, WorkflowOutcome.message(approvals().rejectedMessage()));
          }
          approvalTimedOut(input, attempt, random);
        }
      }
    }
  }

  /**
   * Runs the steps before the helper. JWT and inventory are redone on every attempt: the node's
   * ECDH key lives in its memory and is lost if it restarted while deferred, and facts change. The
   * ed25519 key and the CSR are made once: the node keeps their private halves on disk, and making
   * new ones would replace keys the helper may already have seen.
   */
  private NodeFacts gather(Features features, NodeFacts facts, boolean first, Random random) {
    NodeFacts gathered = facts;
    if (features.jwt()) {
      gathered = steps().jwt(gathered);
    }
    if (features.ed25519() && first) {
      gathered = steps().ed25519(gathered, nonce(random));
    }
    if (features.pki() && first && steps().foldedReads()) {
      return steps().inventoryAndCsr(gathered);
    }
    gathered = steps().inventory(gathered);
    if (features.pki() && first) {
      gathered = steps().csr(gathered);
    }
    return gathered;
  }

  private ProvisionResult shutdown(HelperDecision.Shutdown decision) {
    progress.message(decision.msg());
    String message = steps().shutdown();
    String text = decision.msg().isEmpty() ? message : decision.msg() + "; node: " + message;
    return progress.finish(ProvisioningState.SHUT_DOWN, WorkflowOutcome.message(text));
  }

  private void deferOrFail(DeferPolicy policy, int attempt, HelperDecision.Defer defer, Random r) {
    progress.message(defer.msg());
    if (attempt >= policy.maxAttempts()) {
      throw steps()
          .fail(
              "helper deferred %s on attempt %d of %d, the last one allowed by defer.maxAttempts: %s"
                  .formatted(progress.identity(), attempt, policy.maxAttempts(), defer.msg()),
              null);
    }
    Duration delay = policy.delayAfter(attempt, r.nextDouble());
    Instant retryAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(delay);
    TimerOptions timer =
        TimerOptions.newBuilder()
            .setSummary("deferred: attempt %d at %s".formatted(attempt + 1, retryAt))
            .build();
    steps().run(ProvisioningStep.DEFER_WAIT, retryAt, false, () -> awaitTimerOrRetry(delay, timer));
    log.info("{}: deferral wait over, attempt {}", progress.identity(), attempt + 1);
  }

  private void approvalTimedOut(ProvisionInput input, int attempt, Random random) {
    ApprovalPolicy policy = input.approval();
    String message = approvals().timedOutMessage(policy);
    if (policy.onTimeout() == ApprovalPolicy.OnTimeout.FAIL) {
      throw steps().fail(message, null);
    }
    deferOrFail(input.defer(), attempt, new HelperDecision.Defer(message), random);
  }

  /** Waits on a durable timer, or less if {@link #retryNow()} is accepted meanwhile. */
  private @Nullable Void awaitTimerOrRetry(Duration delay, TimerOptions options) {
    retryRequested = false;
    CancellationScope scope =
        Workflow.newCancellationScope(() -> deferTimer = Workflow.newTimer(delay, options));
    scope.run();
    Promise<Void> timer = Objects.requireNonNull(deferTimer);
    waitingForRetry = true;
    try {
      Workflow.await(() -> retryRequested || timer.isCompleted());
    } finally {
      waitingForRetry = false;
    }
    if (!timer.isCompleted()) {
      scope.cancel();
    }
    return null;
  }

  private static String nonce(Random random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private WorkflowOutcome cancelledOutcome() {
    return WorkflowOutcome.message("cancelled by an operator");
  }

  private Steps steps() {
    if (steps == null) {
      throw new IllegalStateException("the workflow method has not started");
    }
    return steps;
  }

  private ApprovalGate approvals() {
    if (approvals == null) {
      throw new IllegalStateException("the workflow method has not started");
    }
    return approvals;
  }

  @Override
  public NodeStatus status() {
    return progress.status();
  }

  @Override
  public String retryNow() {
    retryRequested = true;
    String when = progress.paused() ? "after resume (the node is paused)" : "now";
    return "%s: retrying %s, attempt %d of %d"
        .formatted(progress.identity(), when, progress.attemptNumber() + 1, progress.maxAttempts());
  }

  @Override
  public void validateRetryNow() {
    if (waitingForRetry && !retryRequested) {
      return;
    }
    String identity = progress.identity();
    if (retryRequested || progress.state() == ProvisioningState.DEFERRED) {
      throw new IllegalStateException(
          "cannot retry %s now: a retry is already under way%s"
              .formatted(identity, progress.paused() ? " and starts on resume" : ""));
    }
    ProvisioningState state = progress.state();
    throw new IllegalStateException(
        ("cannot retry %s now: it is %s, not DEFERRED; retry only shortens a deferral wait."
                + " See where it is with 'provisioner status %s'%s")
            .formatted(identity, state, identity, hintFor(state)));
  }

  private static String hintFor(ProvisioningState state) {
    return switch (state) {
      case FAILED, CANCELLED ->
          "; a FAILED node is provisioned again when it starts up again or when discovery sees it after failed_retry.backoff, a CANCELLED one only after 'provisioner retry'";
      case PROVISIONED, SHUT_DOWN -> "; the node is done";
      default -> "";
    };
  }

  @Override
  public String approveNow(ControlRequest request) {
    return approvals().decide(ApprovalGate.Verdict.APPROVED, request, "");
  }

  @Override
  public void validateApproveNow(ControlRequest request) {
    refuseUnless(approvals == null ? "not started" : approvals.whyNot("approve"));
  }

  @Override
  public String rejectNow(ControlRequest request) {
    return approvals().decide(ApprovalGate.Verdict.REJECTED, request, "");
  }

  @Override
  public void validateRejectNow(ControlRequest request) {
    refuseUnless(approvals == null ? "not started" : approvals.whyNot("reject"));
  }

  private static void refuseUnless(@Nullable String whyNot) {
    if (whyNot != null) {
      throw new IllegalStateException(whyNot);
    }
  }

  @Override
  public void retrySignal(ControlRequest request) {
    if (waitingForRetry && !retryRequested) {
      log.info("{}: {}", progress.identity(), retryNow());
      return;
    }
    progress.ignored(
        "retry",
        retryRequested
            ? "a retry is already under way"
            : "it is %s, not DEFERRED; retry only shortens a deferral wait"
                .formatted(progress.state()));
  }

  @Override
  public void approveSignal(ControlRequest request) {
    if (approvals == null) {
      progress.ignored("approve", "the workflow has not started");
      return;
    }
    approvals.signal(ApprovalGate.Verdict.APPROVED, request);
  }

  @Override
  public void rejectSignal(ControlRequest request) {
    if (approvals == null) {
      progress.ignored("reject", "the workflow has not started");
      return;
    }
    approvals.signal(ApprovalGate.Verdict.REJECTED, request);
  }

  @Override
  public void pause(String reason) {
    progress.pause(reason);
  }

  @Override
  public void resume() {
    progress.resume();
  }

  @Override
  public void announced(String source) {
    progress.announced();
  }
}
