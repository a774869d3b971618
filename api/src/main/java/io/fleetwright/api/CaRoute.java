package io.fleetwright.api;

import java.util.Objects;

/**
 * Where a node's calls that reach a CA go when the provisioner limits them ({@code ca.rate_limit}):
 * a task queue that every worker of the provisioner polls with Temporal's task-queue activity rate
 * ({@code WorkerOptions.setMaxTaskQueueActivitiesPerSecond}), which the server enforces for all of
 * them together.
 *
 * @param taskQueue the rate-limited task queue, e.g. {@code provisioning-ca}
 * @param helper also run the helper there, for a helper that calls an external CA ({@code
 *     ca.rate_limit_helper}); signing with the built-in CA always goes there
 */
public record CaRoute(String taskQueue, boolean helper) {
  /** Requires a task queue name. */
  public CaRoute {
    Objects.requireNonNull(taskQueue, "taskQueue");
    if (taskQueue.isBlank()) {
      throw new IllegalArgumentException("CaRoute.taskQueue must name a task queue");
    }
  }

  /** The CA task queue of a provisioner whose workflows run on {@code taskQueue}. */
  public static String taskQueueOf(String taskQueue) {
    return taskQueue + "-ca";
  }
}
