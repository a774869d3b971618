package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.FleetControlState;
import io.fleetwright.api.FleetControlWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.testing.Await;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FleetControlWorkflowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  @Test
  void pausesAndResumesTheFleetRecordingWhoWhyAndWhen(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    FleetControlWorkflow control = start(env.getWorkflowClient(), worker);

    FleetControlState paused = control.pause(new ControlRequest("CA rotation", "alice@ops1"));
    env.sleep(Duration.ofMinutes(5));
    FleetControlState pausedAgain = control.pause(new ControlRequest("again", "bob@ops2"));
    FleetControlState resumed = control.resume(new ControlRequest("", "alice@ops1"));

    assertTrue(paused.paused(), paused.toString());
    assertEquals("CA rotation", paused.reason());
    assertEquals("alice@ops1", paused.by());
    assertEquals(paused, pausedAgain, "pausing a paused fleet must keep the first pause");
    assertFalse(resumed.paused(), resumed.toString());
    assertTrue(resumed.since().isAfter(paused.since()), resumed + " vs " + paused);
    assertEquals(resumed, control.state());
  }

  @Test
  void continuesAsNewAfterManyChangesKeepingTheSwitch(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    FleetControlWorkflow control =
        client.newWorkflowStub(
            FleetControlWorkflow.class, NodeWorkflowOptions.forControl(worker.getTaskQueue()));
    WorkflowExecution first = WorkflowClient.start(control::control, FleetControlState.INITIAL);

    for (int i = 0; i < FleetControlWorkflowImpl.CHANGES_PER_RUN; i++) {
      control.pause(new ControlRequest("change " + i, "test"));
    }
    FleetControlWorkflow current =
        client.newWorkflowStub(FleetControlWorkflow.class, WorkflowIds.CONTROL);
    String runId =
        Await.until(
            "a new run",
            () -> WorkflowStub.fromTyped(current).describe().getExecution().getRunId(),
            id -> !id.equals(first.getRunId()));

    assertNotEquals(first.getRunId(), runId);
    FleetControlState carried = current.state();
    assertTrue(carried.paused(), carried.toString());
    assertEquals("change 0", carried.reason());
  }

  private static FleetControlWorkflow start(WorkflowClient client, Worker worker) {
    FleetControlWorkflow control =
        client.newWorkflowStub(
            FleetControlWorkflow.class, NodeWorkflowOptions.forControl(worker.getTaskQueue()));
    WorkflowClient.start(control::control, null);
    return control;
  }
}
