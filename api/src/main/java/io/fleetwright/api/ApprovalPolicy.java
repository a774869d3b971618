package io.fleetwright.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a node whose helper asked for approval ({@link HelperDecision.Approval}) waits in {@link
 * ProvisioningState#AWAITING_APPROVAL}, and what happens when nobody decides in time.
 *
 * @param timeout how long to wait for an operator's approve or reject
 * @param onTimeout what the node does when the wait is over
 */
public record ApprovalPolicy(Duration timeout, OnTimeout onTimeout) {
  /** What an approval wait that times out does. */
  public enum OnTimeout {
    /**
     * The node is DEFERRED like a helper's {@code defer}; its next attempt asks the helper again.
     */
    DEFER,
    /** The node ends FAILED. */
    FAIL
  }

  /** A day, then defer. */
  public static final ApprovalPolicy DEFAULT =
      new ApprovalPolicy(Duration.ofDays(1), OnTimeout.DEFER);

  /** Validates the policy; messages name the config key and an example value. */
  public ApprovalPolicy {
    Checks.positive(timeout, "approval.timeout");
    Objects.requireNonNull(onTimeout, "approval.on_timeout");
  }
}
