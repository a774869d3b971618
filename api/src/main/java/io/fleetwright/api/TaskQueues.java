package io.fleetwright.api;

/** Task queue names; the worker and every client must use the same. */
public final class TaskQueues {
  /** Default task queue of node provisioning workflows, fleet control and their activities. */
  public static final String PROVISIONING = "provisioning";

  private TaskQueues() {}
}
