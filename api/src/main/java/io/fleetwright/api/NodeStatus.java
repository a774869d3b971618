package io.fleetwright.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Answer of the {@link NodeProvisioningWorkflow#status()} query.
 *
 * @param identity the node; empty only if queried before the workflow method started
 * @param site the site, possibly empty
 * @param state the current state
 * @param currentStep the step running or about to run (waiting for resume), or {@code null}
 * @param currentStepStartedAt workflow time the current step started, or {@code null}
 * @param attempt the provisioning attempt, 1 + deferrals; 0 before the first step
 * @param nextRetryAt when a deferred node is retried, or {@code null}
 * @param lastMessage the last message from the node, the helper or an error
 * @param paused whether the node is held before its next step
 * @param pauseReason why it was paused, or empty
 * @param announcements how many times discovery announced the node to this run
 * @param steps finished steps, oldest first
 * @param lineage which provisioning of the node this run is and why, or {@code null} for a run
 *     started without one (a first provisioning)
 * @param approval where the node's approval stands, or {@code null} when its helper never asked
 * @param notes operator actions that did not apply (a signal ignored), oldest first, at most
 *     {@value #MAX_NOTES}
 */
public record NodeStatus(
    String identity,
    String site,
    ProvisioningState state,
    @Nullable ProvisioningStep currentStep,
    @Nullable Instant currentStepStartedAt,
    int attempt,
    @Nullable Instant nextRetryAt,
    String lastMessage,
    boolean paused,
    String pauseReason,
    int announcements,
    List<StepRecord> steps,
    @Nullable Lineage lineage,
    @Nullable ApprovalStatus approval,
    List<String> notes) {
  /** The most notes a status keeps; older ones are dropped. */
  public static final int MAX_NOTES = 10;

  /** Validates and copies. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public NodeStatus {
    identity = Checks.orEmpty(identity);
    site = Checks.orEmpty(site);
    Objects.requireNonNull(state, "state");
    lastMessage = Checks.orEmpty(lastMessage);
    pauseReason = Checks.orEmpty(pauseReason);
    steps = steps == null ? List.of() : List.copyOf(steps);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A status without lineage, approval or notes. */
  public NodeStatus(
      String identity,
      String site,
      ProvisioningState state,
      @Nullable ProvisioningStep currentStep,
      @Nullable Instant currentStepStartedAt,
      int attempt,
      @Nullable Instant nextRetryAt,
      String lastMessage,
      boolean paused,
      String pauseReason,
      int announcements,
      List<StepRecord> steps) {
    this(
        identity,
        site,
        state,
        currentStep,
        currentStepStartedAt,
        attempt,
        nextRetryAt,
        lastMessage,
        paused,
        pauseReason,
        announcements,
        steps,
        null,
        null,
        List.of());
  }
}
