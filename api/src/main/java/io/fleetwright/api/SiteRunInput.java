package io.fleetwright.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a site run needs: its ID, the plan, the policy, and every node's direct prerequisites (for
 * skipping dependents).
 *
 * @param runId the run's ID, also in the workflow ID and the lock message
 * @param plan the planned levels and batches
 * @param policy failure budget, canary gate, runonce options and timeouts
 * @param prerequisites per node, the nodes it depends on directly; absent means none
 */
public record SiteRunInput(
    String runId, SitePlan plan, SitePolicy policy, Map<String, List<String>> prerequisites) {

  /** Checks presence and copies the map. */
  public SiteRunInput {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(policy, "policy");
    prerequisites = Map.copyOf(prerequisites);
  }
}
