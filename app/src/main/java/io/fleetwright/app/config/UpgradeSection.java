package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig.Upgrades;
import java.time.Duration;

/**
 * {@code features.upgrades} with the top-level {@code upgrades_repository}, {@code
 * upgrades_optional} and {@code upgrades_timeout}, as the Go provisioner spells them.
 */
final class UpgradeSection {
  private UpgradeSection() {}

  static Upgrades read(boolean enabled, ConfigNode root) {
    String repository =
        root.string(
            "upgrades_repository", "", "upgrades_repository: https://repo.example.net/choria");
    boolean optional = root.bool("upgrades_optional", false);
    Duration timeout =
        root.duration(
            "upgrades_timeout",
            Upgrades.OFF.timeout(),
            Duration.ofSeconds(5),
            "upgrades_timeout: 10m");
    if (!repository.isEmpty() && !repository.matches("https?://\\S+")) {
      throw new ConfigException(
          "upgrades_repository must be an http:// or https:// URL (a go-updater repository), got '"
              + repository
              + "'; e.g. upgrades_repository: https://repo.example.net/choria");
    }
    if (enabled && repository.isEmpty() && !optional) {
      throw new ConfigException(
          "features.upgrades needs upgrades_repository, the go-updater repository nodes download"
              + " releases from, e.g. upgrades_repository: https://repo.example.net/choria (or set"
              + " upgrades_optional: true to configure nodes on their old version instead)");
    }
    return new Upgrades(enabled, repository, optional, timeout);
  }
}
