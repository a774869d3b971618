package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;

/**
 * The version upgrade of a node in provisioning mode: {@code choria_provision#release_update}, run
 * at most once per helper decision like {@link NodeChangeActivities}, then the wait for the node to
 * come back (docs/exactly-once.md).
 */
@ActivityInterface
public interface NodeUpgradeActivities {
  /**
   * Sends {@code choria_provision#release_update}. A retried attempt first waits out the restart
   * window and asks the node's inventory: a node that no longer answers, or already reports the
   * version, was updated by an earlier attempt.
   *
   * @param input the node, repository and version
   * @return whether the node accepted, with its message; a refusal (e.g. the rollback message) is a
   *     result, not a failure, so that the workflow can honour {@code upgrades_optional}
   */
  UpdateResult releaseUpdate(UpdateInput input);

  /**
   * Polls {@code rpcutil#inventory} in the provisioning collective, with back-off, until the node
   * answers on the version asked for, answers on another version after it was gone (or after the
   * restart window), or the deadline passes. Safe to retry: it only reads.
   *
   * @param input the node, the versions and the deadline
   * @return what the node reported last, or that it never answered
   */
  NodeReturn awaitVersion(AwaitVersionInput input);
}
