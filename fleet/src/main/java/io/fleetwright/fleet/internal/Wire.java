package io.fleetwright.fleet.internal;

import java.util.Set;

/** What the request handler needs from a connection: who listens where, and a way to publish. */
interface Wire {
  /** Returns the nodes subscribed to {@code subject}. */
  Set<EmulatedNode> routes(String subject);

  /** Publishes {@code body} on {@code subject}. */
  void publish(String subject, byte[] body);

  /** Returns the broker URL for {@code seen-by} hop records. */
  String connectedUrl();
}
