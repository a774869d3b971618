package io.fleetwright.fleet.internal;

import java.time.Duration;

/** What a node needs from the fleet around it: subscriptions, publishing and timers. */
public interface NodeHost {

  /** Returns the settings every node shares. */
  NodeSettings settings();

  /** Subscribes the node's subjects for its current collectives and agents. */
  void join(EmulatedNode node);

  /** Removes all of the node's subscriptions. */
  void leave(EmulatedNode node);

  /** Publishes a lifecycle event of {@code type} (startup, shutdown, provisioned) for the node. */
  void announce(EmulatedNode node, String type);

  /**
   * Publishes the {@code upgraded} lifecycle event of a successful {@code release_update}: {@code
   * version} is what ran the update, {@code newVersion} what it was asked for.
   */
  void announceUpgraded(EmulatedNode node, String version, String newVersion);

  /** Publishes the node's registration data to {@code provisioning.registration.data}. */
  void register(EmulatedNode node);

  /** Runs {@code task} after {@code delay} on a virtual thread; cancelled when the fleet closes. */
  void schedule(Duration delay, Runnable task);
}
