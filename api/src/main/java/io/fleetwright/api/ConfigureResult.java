package io.fleetwright.api;

/**
 * Reply of {@code choria_provision#configure}.
 *
 * @param message the node's message, e.g. {@code Wrote 3 lines to /etc/choria/server.conf}
 */
public record ConfigureResult(String message) {
  /** Normalises a missing message to empty. */
  public ConfigureResult {
    message = Checks.orEmpty(message);
  }
}
