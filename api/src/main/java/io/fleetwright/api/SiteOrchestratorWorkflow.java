package io.fleetwright.api;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs Puppet across a site in dependency order, as Choria's {@code mco choria run} did: check
 * every node is enabled, disable them all, then for each level and batch enable, run once, wait,
 * disable and check failed resources; finally enable the nodes again. Adds a canary approval gate,
 * a failure budget, skipping of dependents, pause, resume and abort. ID: {@link WorkflowIds#site}.
 */
@WorkflowInterface
public interface SiteOrchestratorWorkflow {
  /** Runs the site and returns the outcome; failures of nodes are in the result, not thrown. */
  @WorkflowMethod
  SiteRunResult run(SiteRunInput input);

  /** Releases the canary gate after the first batch. Idempotent. */
  @SignalMethod
  void approve();

  /** Holds the run before its next batch (the running batch finishes). Idempotent. */
  @SignalMethod
  void pause();

  /** Lets a paused run continue. Idempotent. */
  @SignalMethod
  void resume();

  /**
   * Stops the run before its next batch; the site stays disabled like after a failure.
   *
   * @param reason shown in progress and the result
   */
  @SignalMethod
  void abort(String reason);

  /** Where the run is: level, batch, per-node outcome counts and failed nodes. */
  @QueryMethod
  SiteProgress progress();
}
