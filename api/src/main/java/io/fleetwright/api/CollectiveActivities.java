package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;

/**
 * Calls on provisioned nodes, in their main collective (the {@code main_collective:} broker), not
 * the provisioning one.
 */
@ActivityInterface
public interface CollectiveActivities {
  /**
   * {@code choria_provision#reprovision} with the token: the node replaces its configuration with
   * one that enables provisioning mode and restarts into it. A node already in provisioning mode
   * refuses; that counts as done, since it is where this call would put it.
   *
   * @param identity the node
   * @return the node's message, e.g. {@code Restarting after 7s}
   */
  String reprovision(String identity);
}
