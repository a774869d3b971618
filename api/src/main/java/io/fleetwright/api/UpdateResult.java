package io.fleetwright.api;

/**
 * Result of {@link NodeUpgradeActivities#releaseUpdate}.
 *
 * @param accepted whether the node accepted the update (and is restarting into it)
 * @param message the node's message, e.g. {@code Restarting Choria Server after 2s} or {@code
 *     Update to version 0.99.0 failed, release rolled back: ...}, or what a retry found
 * @param attempt the activity attempt that finished the step
 */
public record UpdateResult(boolean accepted, String message, int attempt) {
  /** Normalises a missing message. */
  public UpdateResult {
    message = Checks.orEmpty(message);
  }
}
