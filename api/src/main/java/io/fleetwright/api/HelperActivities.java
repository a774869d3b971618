package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;

/** The user's helper, run as a subprocess or in-process in GraalJS or GraalPy. */
@ActivityInterface
public interface HelperActivities {
  /**
   * Runs the helper on the Host JSON and turns its ConfigResponse into a decision. A {@code key} in
   * the output is sealed before it is returned.
   *
   * @throws io.temporal.failure.ApplicationFailure {@link FailureTypes#HELPER_FAILED}, {@link
   *     FailureTypes#HELPER_TIMEOUT} (retryable) or {@link FailureTypes#HELPER_OUTPUT_INVALID}
   */
  HelperDecision runHelper(HelperInput input);
}
