package io.fleetwright.api;

/**
 * Result of {@link NodeChangeActivities#applyConfiguration}.
 *
 * @param configured the node's reply to {@code configure}, e.g. {@code Wrote 3 lines to
 *     /etc/choria/server.conf}, or what an attempt found an earlier one had done
 * @param restarted the node's reply to {@code restart}, or what an attempt found an earlier one had
 *     done
 * @param attempt the activity attempt that finished the step (1 when nothing went wrong)
 */
public record ApplyResult(String configured, String restarted, int attempt) {
  /** Normalises missing messages to empty. */
  public ApplyResult {
    configured = Checks.orEmpty(configured);
    restarted = Checks.orEmpty(restarted);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
  }
}
