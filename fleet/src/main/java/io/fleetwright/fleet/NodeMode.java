package io.fleetwright.fleet;

/** The life stage of one emulated node, as a test observes it. */
public enum NodeMode {
  /** In the {@code provisioning} collective, waiting to be provisioned. */
  PROVISIONING,
  /** Configured and restarted: a normal server in the collectives its configuration names. */
  PROVISIONED,
  /** Stopped cleanly after {@code choria_provision#shutdown}; it announced its shutdown. */
  SHUT_DOWN,
  /** Vanished without a word, because of a fault switch or the fleet closing. */
  GONE
}
