package io.fleetwright.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node workflow treats a helper's {@code upgrade: VERSION} (config {@code features.upgrades},
 * {@code upgrades_repository}, {@code upgrades_optional}, {@code upgrades_timeout}).
 *
 * @param enabled {@code features.upgrades}: act on the helper's {@code upgrade}; off, it is ignored
 * @param repository the go-updater repository URL the node downloads the release from
 * @param optional when the upgrade cannot be done (node not upgradable, refused, back on the old
 *     version), configure the node on its old version with a warning instead of failing it
 * @param timeout how long the node may take to come back in provisioning mode after {@code
 *     release_update} before the run ends FAILED
 */
public record UpgradePolicy(
    boolean enabled, String repository, boolean optional, Duration timeout) {
  /** The default {@link #timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** Upgrades off: the helper's {@code upgrade} is ignored, as before the feature existed. */
  public static final UpgradePolicy OFF = new UpgradePolicy(false, "", false, null);

  /** Normalises missing values. */
  public UpgradePolicy {
    repository = Checks.orEmpty(repository);
    timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("upgrades timeout must be positive, got " + timeout);
    }
  }
}
