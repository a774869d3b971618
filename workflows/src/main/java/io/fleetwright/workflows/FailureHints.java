package io.fleetwright.workflows;

import io.fleetwright.api.FailureTypes;
import io.temporal.workflow.Workflow;

/**
 * What a node's failure message says to do once the retry policy is spent. Runs since version 1 of
 * {@link #HELPER_HINTS} name the helper for a helper timeout or crash (the node is fine); before,
 * every spent retry pointed at the node. The version is asked for only on that failure, so other
 * runs record no marker.
 */
final class FailureHints {
  /** Change ID of the version whose helper failures name the helper and the fix. */
  static final String HELPER_HINTS = "helper-failure-hints";

  static final String NODE =
      "; gave up after the retry policy's last attempt, check the node is up and reachable";

  private FailureHints() {}

  static String retriesSpent(String type, String identity) {
    boolean helper =
        type.equals(FailureTypes.HELPER_TIMEOUT) || type.equals(FailureTypes.HELPER_FAILED);
    if (!helper || Workflow.getVersion(HELPER_HINTS, Workflow.DEFAULT_VERSION, 1) < 1) {
      return NODE;
    }
    String tryIt =
        "; try it with 'provisioner helper try --identity " + identity + " --helper FILE'";
    return type.equals(FailureTypes.HELPER_TIMEOUT)
        ? "; the helper timed out on every attempt of the retry policy (the node is fine): make it"
            + " answer within helper_timeout or raise helper_timeout"
            + tryIt
        : "; the helper failed on every attempt of the retry policy (the node is fine): fix the"
            + " helper (its exit status and stderr, or what the in-process sandbox refused, are"
            + " above)"
            + tryIt;
  }
}
