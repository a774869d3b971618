package io.fleetwright.api;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The fleet-wide pause switch, one long-running workflow with ID {@link WorkflowIds#CONTROL}. It
 * only records the switch: the CLI that flips it also signals {@link
 * NodeProvisioningWorkflow#pause} or {@code resume} to every running node workflow, and discovery
 * reads {@link #state()} to start new nodes with {@link ProvisionInput#startPaused()}. It continues
 * as new when Temporal suggests it, carrying the state.
 */
@WorkflowInterface
public interface FleetControlWorkflow {
  /**
   * Runs for ever.
   *
   * @param initial the state to start from: {@link FleetControlState#INITIAL} or {@code null} on
   *     first start, the carried state after continue-as-new
   */
  @WorkflowMethod
  void control(FleetControlState initial);

  /** Pauses the fleet (idempotent: pausing again keeps the original time) and returns the state. */
  @UpdateMethod
  FleetControlState pause(ControlRequest request);

  /** Resumes the fleet (idempotent) and returns the new state. */
  @UpdateMethod
  FleetControlState resume(ControlRequest request);

  /** Returns the current switch. */
  @QueryMethod
  FleetControlState state();
}
