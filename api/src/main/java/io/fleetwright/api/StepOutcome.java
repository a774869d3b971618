package io.fleetwright.api;

/** How a finished {@link StepRecord} ended. */
public enum StepOutcome {
  /** The step did its job (a helper that deferred also succeeded; see the message). */
  SUCCEEDED,
  /** The step failed permanently or ran out of retries. */
  FAILED,
  /** The workflow was cancelled while the step ran. */
  CANCELLED
}
