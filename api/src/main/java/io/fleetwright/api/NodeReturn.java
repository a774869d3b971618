package io.fleetwright.api;

/**
 * Result of {@link NodeUpgradeActivities#awaitVersion}: what the node reported in provisioning
 * mode.
 *
 * @param answered whether it answered {@code rpcutil#inventory} at all before the deadline
 * @param version the version its last inventory reported; empty when it never answered
 * @param polls how many inventory requests were sent
 */
public record NodeReturn(boolean answered, String version, int polls) {
  /** Normalises a missing version. */
  public NodeReturn {
    version = Checks.orEmpty(version);
  }
}
