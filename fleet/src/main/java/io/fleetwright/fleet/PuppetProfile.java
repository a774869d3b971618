package io.fleetwright.fleet;

import io.fleetwright.fleet.internal.Mix;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How emulated Puppet runs behave: how long a run takes (deterministic per node with the fleet
 * seed, between {@code minRun} and {@code maxRun}) and which runs fail resources (the named nodes,
 * plus a seeded {@code failurePercentage} of all nodes), each failing run reporting {@code
 * failedResources} failed resources.
 *
 * @param minRun the shortest run
 * @param maxRun the longest run
 * @param failingNodes identities whose runs always fail resources
 * @param failurePercentage the share of nodes (0 to 100) whose runs fail resources
 * @param failedResources how many resources a failing run reports failed (at least 1)
 */
public record PuppetProfile(
    Duration minRun,
    Duration maxRun,
    Set<String> failingNodes,
    double failurePercentage,
    int failedResources) {

  /** Validates and copies; every message names the field. */
  public PuppetProfile {
    Objects.requireNonNull(minRun, "minRun");
    Objects.requireNonNull(maxRun, "maxRun");
    if (minRun.isNegative() || maxRun.compareTo(minRun) < 0) {
      throw new FleetException(
          "puppet run time: minRun must be >= 0 and maxRun >= minRun, got "
              + minRun
              + " and "
              + maxRun);
    }
    failingNodes = Set.copyOf(failingNodes);
    if (!(failurePercentage >= 0 && failurePercentage <= 100)) {
      throw new FleetException(
          "puppet failurePercentage must be between 0 and 100, got " + failurePercentage);
    }
    if (failedResources < 1) {
      throw new FleetException("puppet failedResources must be at least 1, got " + failedResources);
    }
  }

  /** Runs of 1 to 3 seconds that never fail. */
  public static PuppetProfile defaults() {
    return new PuppetProfile(Duration.ofSeconds(1), Duration.ofSeconds(3), Set.of(), 0, 2);
  }

  /** Returns a copy whose runs take between {@code min} and {@code max}. */
  public PuppetProfile withRunTime(Duration min, Duration max) {
    return new PuppetProfile(min, max, failingNodes, failurePercentage, failedResources);
  }

  /** Returns a copy where the runs of these nodes fail resources. */
  public PuppetProfile withFailingNodes(Set<String> identities) {
    return new PuppetProfile(minRun, maxRun, identities, failurePercentage, failedResources);
  }

  /** Returns a copy where the runs of a seeded {@code percentage} of nodes fail resources. */
  public PuppetProfile withFailurePercentage(double percentage) {
    return new PuppetProfile(minRun, maxRun, failingNodes, percentage, failedResources);
  }

  /** Returns how long node {@code index} takes for one run under {@code seed}. */
  public Duration runTime(long seed, int index) {
    long spread = maxRun.toMillis() - minRun.toMillis();
    long extra = spread == 0 ? 0 : Math.floorMod(Mix.hash(seed, index, "puppet-run"), spread + 1);
    return minRun.plusMillis(extra);
  }

  /** Returns whether the runs of node {@code index} with {@code identity} fail resources. */
  public boolean fails(long seed, int index, String identity) {
    return failingNodes.contains(identity)
        || Mix.unit(seed, index, "puppet-fail") * 100 < failurePercentage;
  }
}
