package io.fleetwright.fleet;

import java.util.List;

/**
 * Finds the NATS brokers an emulated node connects to while provisioning, like Choria's
 * provisioning targets. Implementations come from {@link TargetResolvers}.
 */
public interface TargetResolver {

  /**
   * Returns the broker URLs, each {@code nats://host:port}, never empty.
   *
   * @throws FleetException when no broker could be found this time; the message says where it
   *     looked
   */
  List<String> resolve();

  /** Returns a short description of where this resolver looks, for logs and errors. */
  String describe();
}
