package io.fleetwright.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a node's provisioning ended: the workflow's result when {@code PROVISIONED} or {@code
 * SHUT_DOWN}, and the details of its {@link FailureTypes#PROVISIONING_FAILED} failure when {@code
 * FAILED}. Holds configuration keys only, never values.
 *
 * @param identity the node
 * @param state the final state
 * @param configurationKeys the configuration keys sent to the node, sorted
 * @param certificateSerial serial of the certificate the built-in CA issued, or {@code null}
 * @param certificateFingerprint its SHA-256 fingerprint, or {@code null}
 * @param attempts provisioning attempts made (1 + deferrals)
 * @param steps every finished step with its timing
 * @param message the last message: the node's, the helper's or the error's
 * @param approval how the node's approval ended, or {@code null} when its helper never asked
 */
public record ProvisionResult(
    String identity,
    ProvisioningState state,
    List<String> configurationKeys,
    @Nullable String certificateSerial,
    @Nullable String certificateFingerprint,
    int attempts,
    List<StepRecord> steps,
    String message,
    @Nullable ApprovalStatus approval) {
  /** Validates and copies. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public ProvisionResult {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(state, "state");
    configurationKeys = configurationKeys == null ? List.of() : List.copyOf(configurationKeys);
    steps = steps == null ? List.of() : List.copyOf(steps);
    message = Checks.orEmpty(message);
  }

  /** A result of a node whose helper never asked for approval. */
  public ProvisionResult(
      String identity,
      ProvisioningState state,
      List<String> configurationKeys,
      @Nullable String certificateSerial,
      @Nullable String certificateFingerprint,
      int attempts,
      List<StepRecord> steps,
      String message) {
    this(
        identity,
        state,
        configurationKeys,
        certificateSerial,
        certificateFingerprint,
        attempts,
        steps,
        message,
        null);
  }

  /** Returns the total time spent in {@code step} over all attempts. */
  public Duration timeIn(ProvisioningStep step) {
    return steps.stream()
        .filter(record -> record.step() == step)
        .map(StepRecord::duration)
        .reduce(Duration.ZERO, Duration::plus);
  }
}
