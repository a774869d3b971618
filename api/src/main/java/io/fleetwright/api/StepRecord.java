package io.fleetwright.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished step of a node's provisioning, timed with workflow time.
 *
 * @param step which step
 * @param attempt the provisioning attempt (1 + the number of deferrals before it)
 * @param startedAt workflow time when the step started
 * @param duration how long it took, retries included
 * @param outcome how it ended
 */
public record StepRecord(
    ProvisioningStep step, int attempt, Instant startedAt, Duration duration, StepOutcome outcome) {

  /** Validates the record. */
  public StepRecord {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
  }
}
