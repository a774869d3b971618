package io.fleetwright.api;

/**
 * Input of {@link NodeUpgradeActivities#releaseUpdate}; the token is added by the activity.
 *
 * @param identity the node
 * @param repository the go-updater repository URL
 * @param version the version to install
 */
public record UpdateInput(String identity, String repository, String version) {
  /** Validates. */
  public UpdateInput {
    Checks.identity(identity);
    repository = Checks.orEmpty(repository);
    version = Checks.orEmpty(version);
  }
}
