package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;

/**
 * The steps that change a node, each run as a regular activity so it is scheduled in history before
 * it can run, and at most once per helper decision. Every attempt sends only requests that the node
 * drops once the attempt's fence has passed, and an attempt after the first asks the node what an
 * earlier one already did before it repeats anything (docs/exactly-once.md).
 */
@ActivityInterface
public interface NodeChangeActivities {
  /**
   * {@code choria_provision#configure} then {@code #restart}. A retried attempt first waits out the
   * restart window; a node gone from the provisioning collective was restarted by an earlier
   * attempt, one that accepts {@code restart} was configured by one, and only a node that refuses
   * it is configured again.
   *
   * @param input the configuration the helper decided on, without the token
   * @return what the node said, and how the step ended
   */
  ApplyResult applyConfiguration(ConfigureInput input);

  /**
   * {@code choria_provision#shutdown}. A retried attempt first waits out the shutdown window; a
   * node gone from the provisioning collective is done.
   *
   * @param identity the node
   * @return the node's message, or how an earlier attempt was found to have taken effect
   */
  String shutdownNode(String identity);
}
