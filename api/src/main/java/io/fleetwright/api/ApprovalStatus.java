package io.fleetwright.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a node's approval stands, after its helper asked for one ({@link HelperDecision.Approval}).
 * Part of {@link NodeStatus} and {@link ProvisionResult}, so {@code status} shows who decided and
 * why.
 *
 * @param asked the helper's reason for asking
 * @param decision where it stands
 * @param by who decided, as the operator gave it; empty while pending or after a timeout
 * @param reason why, as the operator gave it; may be empty
 * @param decidedAt workflow time of the decision or timeout, or {@code null} while pending
 */
public record ApprovalStatus(
    String asked, Decision decision, String by, String reason, @Nullable Instant decidedAt) {
  /** Where an approval stands. */
  public enum Decision {
    /** Nobody has decided yet. */
    PENDING,
    /** An operator approved: the node is configured with the helper's reply. */
    APPROVED,
    /** An operator rejected: the node ends REJECTED. */
    REJECTED,
    /** Nobody decided within {@code approval.timeout}. */
    TIMED_OUT
  }

  /** Normalises missing texts to empty. */
  public ApprovalStatus {
    asked = Checks.orEmpty(asked);
    Objects.requireNonNull(decision, "decision");
    by = Checks.orEmpty(by);
    reason = Checks.orEmpty(reason);
  }

  /** Returns a pending approval. */
  public static ApprovalStatus pending(String asked) {
    return new ApprovalStatus(asked, Decision.PENDING, "", "", null);
  }

  /** Returns one line such as {@code APPROVED by alice at 2026-12-04T10:00:00Z: rack checked}. */
  public String describe() {
    StringBuilder text = new StringBuilder(decision.name());
    if (!by.isEmpty()) {
      text.append(" by ").append(by);
    }
    if (decidedAt != null) {
      text.append(" at ").append(decidedAt);
    }
    if (!reason.isEmpty()) {
      text.append(": ").append(reason);
    }
    return text.append(" (helper asked: ").append(asked).append(')').toString();
  }
}
