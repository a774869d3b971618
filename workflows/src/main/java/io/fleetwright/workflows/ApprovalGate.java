package io.fleetwright.workflows;

import io.fleetwright.api.ApprovalPolicy;
import io.fleetwright.api.ApprovalStatus;
import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Holds a node whose helper asked for approval in {@code AWAITING_APPROVAL} until an operator
 * approves or rejects it (update or signal) or {@code approval.timeout} passes.
 */
final class ApprovalGate {
  /**
   * Change ID of the approval wait. Reached only when a helper asks for approval, so runs whose
   * helper never does record no marker. Before it, the {@code approval} key was ignored and the
   * node configured at once, which is what a run without the marker still does.
   */
  static final String NODE_APPROVAL = "node-approval";

  private static final Logger log = Workflow.getLogger(ApprovalGate.class);

  /** How a wait ended. */
  enum Verdict {
    APPROVED,
    REJECTED,
    TIMED_OUT
  }

  private final Steps steps;
  private final NodeProgress progress;
  private boolean waiting;
  private @Nullable Verdict decided;
  private @Nullable Promise<Void> timer;

  ApprovalGate(Steps steps, NodeProgress progress) {
    this.steps = steps;
    this.progress = progress;
  }

  /** Waits for a decision on what the helper answered; {@code asked} is its reason. */
  Verdict await(String asked, ApprovalPolicy policy) {
    if (Workflow.getVersion(NODE_APPROVAL, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return Verdict.APPROVED;
    }
    decided = null;
    progress.approval(ApprovalStatus.pending(asked));
    log.info("{}: awaiting approval: {}", progress.identity(), asked);
    return steps.run(ProvisioningStep.APPROVAL_WAIT, null, false, () -> waitFor(policy));
  }

  private Verdict waitFor(ApprovalPolicy policy) {
    progress.rest();
    Instant deadline = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(policy.timeout());
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(
                "awaiting approval until %s, then %s".formatted(deadline, onTimeout(policy)))
            .build();
    CancellationScope scope =
        Workflow.newCancellationScope(() -> timer = Workflow.newTimer(policy.timeout(), options));
    scope.run();
    Promise<Void> expiry = Objects.requireNonNull(timer);
    waiting = true;
    try {
      Workflow.await(() -> decided != null || expiry.isCompleted());
    } finally {
      waiting = false;
    }
    if (decided == null) {
      ApprovalStatus pending = Objects.requireNonNull(progress.approval());
      progress.approval(
          new ApprovalStatus(pending.asked(), ApprovalStatus.Decision.TIMED_OUT, "", "", now()));
      return Verdict.TIMED_OUT;
    }
    scope.cancel();
    return decided;
  }

  /** The message of a wait that timed out, naming the config keys. */
  String timedOutMessage(ApprovalPolicy policy) {
    return ("nobody approved or rejected %s within approval.timeout %s (helper asked: %s);"
            + " approval.on_timeout is %s")
        .formatted(
            progress.identity(),
            policy.timeout(),
            Objects.requireNonNull(progress.approval()).asked(),
            onTimeout(policy));
  }

  /** Returns one line on why the node ended REJECTED. */
  String rejectedMessage() {
    return "rejected: " + Objects.requireNonNull(progress.approval()).describe();
  }

  /** Whether an approve or reject applies now; empty if so, else why not. */
  @Nullable String whyNot(String action) {
    if (waiting && decided == null) {
      return null;
    }
    ProvisioningState state = progress.state();
    if (decided != null) {
      return "cannot %s %s now: it was already %s".formatted(action, progress.identity(), decided);
    }
    return ("cannot %s %s now: it is %s, not AWAITING_APPROVAL; only a node whose helper asked for"
            + " approval can be approved or rejected. See where it is with 'provisioner status %s'")
        .formatted(action, progress.identity(), state, progress.identity());
  }

  /** Applies an operator's decision; callers have checked {@link #whyNot} first. */
  String decide(Verdict verdict, @Nullable ControlRequest request, String defaultBy) {
    ControlRequest r = request == null ? new ControlRequest("", "") : request;
    String by = r.by().isBlank() ? defaultBy : r.by();
    ApprovalStatus pending = Objects.requireNonNull(progress.approval());
    ApprovalStatus.Decision decision =
        verdict == Verdict.APPROVED
            ? ApprovalStatus.Decision.APPROVED
            : ApprovalStatus.Decision.REJECTED;
    ApprovalStatus status = new ApprovalStatus(pending.asked(), decision, by, r.reason(), now());
    decided = verdict;
    progress.approval(status);
    String line = "%s: %s".formatted(progress.identity(), status.describe());
    log.info("{}", line);
    return line;
  }

  /** Applies a decision sent as a signal, or ignores it with a note when it does not apply. */
  void signal(Verdict verdict, @Nullable ControlRequest request) {
    String action = verdict == Verdict.APPROVED ? "approve" : "reject";
    String why = whyNot(action);
    if (why != null) {
      progress.ignored(action, why);
      return;
    }
    decide(verdict, request, "signal");
  }

  private static String onTimeout(ApprovalPolicy policy) {
    return policy.onTimeout().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
