package io.fleetwright.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Input of {@link NodeUpgradeActivities#awaitVersion}.
 *
 * @param identity the node
 * @param fromVersion the version it ran before {@code release_update}
 * @param toVersion the version it was asked to install
 * @param notAfter when to stop waiting; fixed by the workflow, so a retried attempt keeps it
 */
public record AwaitVersionInput(
    String identity, String fromVersion, String toVersion, Instant notAfter) {
  /** Validates. */
  public AwaitVersionInput {
    Checks.identity(identity);
    fromVersion = Checks.orEmpty(fromVersion);
    toVersion = Checks.orEmpty(toVersion);
    Objects.requireNonNull(notAfter, "notAfter");
  }
}
