package io.fleetwright.interop;

import io.fleetwright.devstack.UpdateRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes the second go-choria binary that {@code go/build.sh} links ({@code choria-upgrade},
 * same module and main, another {@code build.Version}) into a go-updater repository, for this
 * machine's platform, the one a real server on it asks for.
 */
final class UpgradeReleases {
  static final String OS = "linux";

  private UpgradeReleases() {}

  /**
   * Publishes {@code <bin>/choria-upgrade} as its own version, named {@code choria} as a packaged
   * server's program is.
   *
   * @param repository the repository
   * @param bin the folder {@link ChoriaBinary#ensure()} returned
   * @return what was published
   */
  static UpdateRepository.Release publishUpgrade(UpdateRepository repository, Path bin)
      throws IOException {
    return repository.publish(
        ChoriaBinary.upgradeVersion(bin),
        OS,
        ChoriaBinary.goArch(),
        "choria",
        Files.readAllBytes(bin.resolve("choria-upgrade")));
  }
}
