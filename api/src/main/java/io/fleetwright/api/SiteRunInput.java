package io.fleetwright.api;

import io.fleetwright.site.SiteException;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a site run needs: its ID, the plan, the policy, and every node's direct prerequisites (for
 * skipping dependents).
 *
 * @param runId the run's ID, also in the workflow ID and the lock message
 * @param plan the planned levels and batches
 * @param policy failure budget, canary gate, runonce options and timeouts
 * @param prerequisites per node, the nodes it depends on directly; absent means none
 * @param resume where a continued run picks up; null for a new run
 * @param eventsPerRun history length after which the run continues as new at the next batch
 *     boundary; 0 (the default) continues only when Temporal suggests it
 * @param runTimeouts per node, the site file's {@code nodes.<node>.runTimeoutSeconds}, which
 *     overrides the policy's {@code runTimeoutSeconds}; absent (and in runs started before it
 *     existed) means the policy's value
 */
public record SiteRunInput(
    String runId,
    SitePlan plan,
    SitePolicy policy,
    Map<String, List<String>> prerequisites,
    @Nullable SiteResume resume,
    int eventsPerRun,
    @Nullable Map<String, Integer> runTimeouts) {

  /** Checks presence and copies the map. */
  public SiteRunInput {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(policy, "policy");
    prerequisites = Map.copyOf(prerequisites);
    if (eventsPerRun < 0) {
      throw new SiteException("eventsPerRun is " + eventsPerRun + "; use 0 or more");
    }
    runTimeouts = runTimeouts == null ? Map.of() : Map.copyOf(runTimeouts);
    runTimeouts.forEach(
        (node, seconds) -> {
          if (seconds < 1) {
            throw new SiteException(
                "runTimeoutSeconds of " + node + " is " + seconds + "; use 1 or more");
          }
        });
  }

  /**
   * A new run that continues as new only when Temporal suggests it.
   *
   * @param runId the run's ID
   * @param plan the plan
   * @param policy the policy
   * @param prerequisites per node, its direct prerequisites
   */
  public SiteRunInput(
      String runId, SitePlan plan, SitePolicy policy, Map<String, List<String>> prerequisites) {
    this(runId, plan, policy, prerequisites, null, 0, Map.of());
  }

  /**
   * The input of the next run in the chain, picking up at {@code next}.
   *
   * @param next where the next run starts and what is known so far
   * @return the same run with {@code resume} set
   */
  public SiteRunInput continuingAt(SiteResume next) {
    return new SiteRunInput(runId, plan, policy, prerequisites, next, eventsPerRun, runTimeouts);
  }

  /**
   * The same run with another continue-as-new threshold (tests use a small one).
   *
   * @param events history length that triggers continue-as-new at a batch boundary
   * @return the new input
   */
  public SiteRunInput withEventsPerRun(int events) {
    return new SiteRunInput(runId, plan, policy, prerequisites, resume, events, runTimeouts);
  }

  /**
   * The same run with per-node run timeouts from the site file.
   *
   * @param timeouts per node, seconds its Puppet run may take once started
   * @return the new input
   */
  public SiteRunInput withRunTimeouts(Map<String, Integer> timeouts) {
    return new SiteRunInput(runId, plan, policy, prerequisites, resume, eventsPerRun, timeouts);
  }
}
