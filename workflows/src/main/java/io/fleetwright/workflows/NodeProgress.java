package io.fleetwright.workflows;

import io.fleetwright.api.ApprovalStatus;
import io.fleetwright.api.Lineage;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.StepOutcome;
import io.fleetwright.api.StepRecord;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A node workflow's observable state: keeps the status, search attributes and current details in
 * step with each other. Search attribute changes are batched into one upsert per step.
 */
final class NodeProgress {
  private String identity = "";
  private String site = "";
  private int maxAttempts = 1;
  private ProvisioningState state = ProvisioningState.DISCOVERED;
  private @Nullable ProvisioningStep currentStep;
  private long currentStepStartedAt;
  private int attempt;
  private @Nullable Instant nextRetryAt;
  private String lastMessage = "";
  private boolean paused;
  private String pauseReason = "";
  private int announcements;
  private final List<StepRecord> steps = new ArrayList<>();
  private final List<SearchAttributeUpdate<?>> pending = new ArrayList<>();
  private boolean batched;
  private @Nullable Lineage lineage;
  private String versions = "";
  private @Nullable ApprovalStatus approval;
  private final List<String> notes = new ArrayList<>();

  /** Takes the node's identity and site; the first upsert carries them with the first state. */
  void begin(ProvisionInput input) {
    identity = input.identity();
    site = input.site();
    maxAttempts = input.defer().maxAttempts();
    lineage = input.lineage();
    pending.add(SearchAttributeKeys.NODE_IDENTITY.valueSet(identity));
    if (!site.isBlank()) {
      pending.add(SearchAttributeKeys.SITE.valueSet(site));
    }
    if (input.startPaused()) {
      pause("started paused: the fleet is paused");
    }
  }

  /**
   * From now on, search attribute changes wait until the node comes to rest (deferred, paused, or
   * ended) and go in one upsert. Runs whose steps are all local activities finish a node in one
   * workflow task, so the per-step upserts arrived at the server together at its end anyway and
   * only cost an event and a visibility write each.
   */
  void batchUpserts() {
    batched = true;
  }

  /**
   * Drops the node's identity and site from the pending upsert when the run started with them
   * ({@code NodeWorkflowOptions.forNode} sets both): they never change, so sending them again only
   * made the resting upsert and its visibility write larger.
   */
  void attributesSetAtStart() {
    io.temporal.common.SearchAttributes atStart = Workflow.getTypedSearchAttributes();
    if (identity.equals(atStart.get(SearchAttributeKeys.NODE_IDENTITY))) {
      pending.removeIf(
          update -> update.getKey().getName().equals(SearchAttributeKeys.NODE_IDENTITY.getName()));
    }
    if (site.equals(atStart.get(SearchAttributeKeys.SITE))) {
      pending.removeIf(
          update -> update.getKey().getName().equals(SearchAttributeKeys.SITE.getName()));
    }
  }

  /** In batched runs, sends the pending search attribute changes now: the node comes to rest. */
  void rest() {
    if (batched) {
      flush();
    }
  }

  private void flush() {
    if (!pending.isEmpty()) {
      Map<String, SearchAttributeUpdate<?>> latest = new LinkedHashMap<>();
      for (SearchAttributeUpdate<?> update : pending) {
        latest.put(update.getKey().getName(), update);
      }
      Workflow.upsertTypedSearchAttributes(
          latest.values().toArray(SearchAttributeUpdate<?>[]::new));
      pending.clear();
    }
  }

  /** Records when the node's credentials expire; sent with the next upsert. */
  void credentialsExpireAt(Instant expiry) {
    pending.add(
        SearchAttributeKeys.CREDENTIALS_EXPIRE_AT.valueSet(
            java.time.OffsetDateTime.ofInstant(expiry, java.time.ZoneOffset.UTC)));
  }

  void attempt(int number) {
    attempt = number;
    pending.add(SearchAttributeKeys.PROVISIONING_ATTEMPT.valueSet((long) number));
  }

  /** Marks {@code step} as the next one, e.g. while waiting for resume, without starting it. */
  void next(ProvisioningStep step) {
    currentStep = step;
    refreshDetails();
  }

  void enter(ProvisioningStep step, @Nullable Instant retryAt) {
    currentStep = step;
    currentStepStartedAt = Workflow.currentTimeMillis();
    nextRetryAt = retryAt;
    moveTo(step.state());
  }

  void leave(StepOutcome outcome) {
    if (currentStep == null) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    steps.add(
        new StepRecord(
            currentStep,
            Math.max(1, attempt),
            Instant.ofEpochMilli(currentStepStartedAt),
            Duration.ofMillis(now - currentStepStartedAt),
            outcome));
    currentStep = null;
    nextRetryAt = null;
  }

  /** Moves to a terminal state and returns the result describing it. */
  ProvisionResult finish(ProvisioningState terminal, WorkflowOutcome outcome) {
    currentStep = null;
    nextRetryAt = null;
    message(outcome.message());
    moveTo(terminal);
    return new ProvisionResult(
        identity,
        terminal,
        outcome.configurationKeys(),
        outcome.certificateSerial(),
        outcome.certificateFingerprint(),
        Math.max(1, attempt),
        steps,
        lastMessage,
        approval);
  }

  /**
   * Records the Choria version before an upgrade and, once the node is back, after it: in the
   * search attributes at once (only runs that upgrade set them) and in the current details.
   */
  void versions(String before, @Nullable String after) {
    versions =
        after == null
            ? "Choria %s → upgrading".formatted(before)
            : "Choria %s → %s".formatted(before, after);
    pending.add(SearchAttributeKeys.CHORIA_VERSION_BEFORE.valueSet(before));
    if (after != null) {
      pending.add(SearchAttributeKeys.CHORIA_VERSION_AFTER.valueSet(after));
    }
    flush();
    refreshDetails();
  }

  void message(String message) {
    lastMessage = message == null ? "" : message;
  }

  void pause(String reason) {
    paused = true;
    pauseReason = reason == null || reason.isBlank() ? "paused" : reason;
    refreshDetails();
  }

  void resume() {
    paused = false;
    pauseReason = "";
    refreshDetails();
  }

  void announced() {
    announcements++;
  }

  boolean paused() {
    return paused;
  }

  ProvisioningState state() {
    return state;
  }

  String identity() {
    return identity;
  }

  int attemptNumber() {
    return attempt;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  @Nullable Instant nextRetryAt() {
    return nextRetryAt;
  }

  NodeStatus status() {
    return new NodeStatus(
        identity,
        site,
        state,
        currentStep,
        currentStep == null ? null : Instant.ofEpochMilli(currentStepStartedAt),
        attempt,
        nextRetryAt,
        lastMessage,
        paused,
        pauseReason,
        announcements,
        steps,
        lineage,
        approval,
        notes);
  }

  /** Records where the node's approval stands, for status and details. */
  void approval(ApprovalStatus status) {
    approval = status;
    refreshDetails();
  }

  @Nullable ApprovalStatus approval() {
    return approval;
  }

  /**
   * An operator's signal that does not apply: one log line (silent on replay) and a note in the
   * status and current details, so whoever sent it from the Web UI sees why nothing happened.
   */
  void ignored(String signal, String why) {
    String note = "ignored signal %s: %s".formatted(signal, why);
    Workflow.getLogger(NodeProgress.class).info("{}: {}", identity, note);
    if (notes.size() == NodeStatus.MAX_NOTES) {
      notes.remove(0);
    }
    notes.add("%s %s".formatted(Instant.ofEpochMilli(Workflow.currentTimeMillis()), note));
    refreshDetails();
  }

  private void moveTo(ProvisioningState next) {
    if (next != state) {
      state = next;
      pending.add(SearchAttributeKeys.PROVISIONING_STATE.valueSet(next.name()));
      count(next);
    }
    if (!batched) {
      if (!pending.isEmpty()) {
        Workflow.upsertTypedSearchAttributes(pending.toArray(SearchAttributeUpdate<?>[]::new));
        pending.clear();
      }
    } else if (next == ProvisioningState.DEFERRED
        || next == ProvisioningState.RENEWAL_WAIT
        || next.terminal()) {
      flush();
    }
    refreshDetails();
  }

  /**
   * Counts deferrals and how nodes end, through the workflow's metrics scope (silent on replay), so
   * rates of deferred and failed nodes reach /metrics from whichever worker runs the node.
   */
  private static void count(ProvisioningState next) {
    if (next == ProvisioningState.DEFERRED) {
      Workflow.getMetricsScope().counter("choria_provisioner_deferred").inc(1);
    } else if (next.terminal()) {
      Workflow.getMetricsScope()
          .tagged(java.util.Map.of("state", next.name()))
          .counter("choria_provisioner_nodes_finished")
          .inc(1);
    }
  }

  private void refreshDetails() {
    StringBuilder details =
        new StringBuilder("**%s** · %s".formatted(identity.isEmpty() ? "node" : identity, state));
    if (attempt > 0) {
      details.append(" · attempt %d of %d".formatted(attempt, maxAttempts));
    }
    if (currentStep != null) {
      details.append("\n\nstep `%s`".formatted(currentStep));
    }
    if (nextRetryAt != null) {
      details.append("\n\nnext retry at %s".formatted(nextRetryAt));
    }
    if (lineage != null) {
      details.append("\n\n").append(lineage.describe());
    }
    if (!versions.isEmpty()) {
      details.append("\n\n").append(versions);
    }
    if (paused) {
      details.append("\n\n⏸ paused: ").append(pauseReason);
    }
    if (approval != null) {
      details.append(approvalDetails(approval));
    }
    if (!lastMessage.isEmpty()) {
      details.append("\n\nlast message: ").append(truncate(lastMessage));
    }
    if (!notes.isEmpty()) {
      details.append("\n\nnote: ").append(notes.get(notes.size() - 1));
    }
    Workflow.setCurrentDetails(details.toString());
  }

  private String approvalDetails(ApprovalStatus status) {
    if (status.decision() != ApprovalStatus.Decision.PENDING) {
      return "\n\napproval: " + truncate(status.describe());
    }
    return ("\n\n✋ awaiting approval: %s\n\napprove with `provisioner approve %s` or the signal"
            + " `approve`; reject with `provisioner reject %s` or the signal `reject`")
        .formatted(truncate(status.asked()), identity, identity);
  }

  private static String truncate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
