package io.fleetwright.activities;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the steps that change a node wait before they ask a node what an earlier attempt did.
 *
 * @param restart how long a node may take to leave provisioning mode after it accepted {@code
 *     restart} (a real server waits 2 s with splay 1, then re-executes)
 * @param shutdown how long a node may take to go after it accepted {@code shutdown} (0–9 s)
 * @param fenceMargin how much sooner than the server could give an attempt up its requests expire,
 *     for clock skew between worker, Temporal and node
 * @param probeTimeout how long one {@code rpcutil#ping} waits for the node
 * @param probes how many pings go unanswered before the node counts as gone
 */
public record ChangeWindows(
    Duration restart, Duration shutdown, Duration fenceMargin, Duration probeTimeout, int probes) {

  /** Windows for real Choria servers. */
  public static final ChangeWindows DEFAULTS =
      new ChangeWindows(
          Duration.ofSeconds(5),
          Duration.ofSeconds(12),
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          3);

  /** Validates; messages name the field. */
  public ChangeWindows {
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(fenceMargin, "fenceMargin");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    if (probeTimeout.isZero() || probeTimeout.isNegative()) {
      throw new IllegalArgumentException("probeTimeout must be positive, got " + probeTimeout);
    }
    if (probes < 1) {
      throw new IllegalArgumentException("probes must be at least 1, got " + probes);
    }
  }
}
