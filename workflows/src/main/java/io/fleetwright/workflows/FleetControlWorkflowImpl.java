package io.fleetwright.workflows;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.FleetControlState;
import io.fleetwright.api.FleetControlWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/** The fleet-wide pause switch; continues as new before its history or update count grows large. */
public class FleetControlWorkflowImpl implements FleetControlWorkflow {
  /** Updates per run; Temporal allows 2000 per execution. */
  static final int CHANGES_PER_RUN = 200;

  private FleetControlState state = FleetControlState.INITIAL;
  private int changes;

  @Override
  public void control(FleetControlState initial) {
    if (initial != null && changes == 0) {
      state = initial;
    }
    describe();
    Workflow.await(
        () -> Workflow.getInfo().isContinueAsNewSuggested() || changes >= CHANGES_PER_RUN);
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(state);
  }

  @Override
  public FleetControlState pause(ControlRequest request) {
    changes++;
    if (!state.paused()) {
      state = new FleetControlState(true, now(), request.reason(), request.by());
      describe();
    }
    return state;
  }

  @Override
  public FleetControlState resume(ControlRequest request) {
    changes++;
    if (state.paused()) {
      state = new FleetControlState(false, now(), request.reason(), request.by());
      describe();
    }
    return state;
  }

  @Override
  public FleetControlState state() {
    return state;
  }

  private void describe() {
    String by = state.by().isEmpty() ? "" : " by " + state.by();
    String reason = state.reason().isEmpty() ? "" : ": " + state.reason();
    String since = state.since() == null ? "" : " since " + state.since();
    Workflow.setCurrentDetails(
        (state.paused() ? "**fleet paused**" : "**fleet running**") + since + by + reason);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
