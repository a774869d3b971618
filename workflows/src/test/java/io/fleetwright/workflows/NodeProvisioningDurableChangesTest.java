package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs started since version 3 of {@code local-helper}: the steps that change a node are regular
 * activities, scheduled in history before they run, and no checkpoint timer is needed.
 */
class NodeProvisioningDurableChangesTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  @Test
  void configuresAndRestartsInOneRegularActivityScheduledAfterEveryLocalOne(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    NodeProvisioningWorkflow stub = start(env, worker, new Features(true, false, false));

    ProvisionResult result = stub.provision(input(new Features(true, false, false)));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    assertEquals("Restarting Choria Server after 2s", result.message());
    assertEquals(
        List.of(
            ProvisioningStep.INVENTORY_AND_CSR,
            ProvisioningStep.HELPER,
            ProvisioningStep.CONFIGURE_AND_RESTART),
        result.steps().stream().map(step -> step.step()).toList());
    verify(node.changes, times(1)).applyConfiguration(any());
    verify(node.rpc, never()).configure(any());
    verify(node.rpc, never()).restart(anyString());

    List<EventType> events = eventTypes(env, stub);
    assertEquals(1, count(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED), events.toString());
    assertEquals(0, count(events, EventType.EVENT_TYPE_TIMER_STARTED), "no checkpoint timer");
    int scheduled = events.indexOf(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    assertEquals(
        EventType.EVENT_TYPE_MARKER_RECORDED,
        events.get(scheduled - 1),
        "the helper's marker is written with the task that schedules the change: " + events);
    assertTrue(events.size() <= 20, events.size() + " events: " + events);
  }

  @Test
  void endsFailedNamingTheStepWhenTheNodeRefusesTheChangeForGood(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.changes.applyConfiguration(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "choria_provision#configure refused by node1.example.net (statuscode 1):"
                    + " config does not parse",
                FailureTypes.RPC_ABORTED));
    NodeProvisioningWorkflow stub = start(env, worker, Features.NONE);

    WorkflowFailedException ended =
        assertThrows(WorkflowFailedException.class, () -> stub.provision(input(Features.NONE)));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, ended.getCause());
    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    assertEquals(ProvisioningState.FAILED, result.state());
    assertEquals(ProvisioningStep.CONFIGURE_AND_RESTART, result.steps().getLast().step());
    assertTrue(result.message().contains("config does not parse"), result.message());
    verify(node.changes, times(1)).applyConfiguration(any());
  }

  @Test
  void retriesAnAttemptThatFailedRetryably(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.changes.applyConfiguration(any()))
        .thenThrow(ApplicationFailure.newFailure("no reply", FailureTypes.RPC_TIMEOUT))
        .thenReturn(new ApplyResult("configured by an earlier attempt", "Restarting", 2));
    NodeProvisioningWorkflow stub = start(env, worker, Features.NONE);

    ProvisionResult result = stub.provision(input(Features.NONE));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    verify(node.changes, times(2)).applyConfiguration(any());
  }

  @Test
  void shutsTheNodeDownInARegularActivity(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(new HelperDecision.Shutdown("decommissioned"));
    NodeProvisioningWorkflow stub = start(env, worker, Features.NONE);

    ProvisionResult result = stub.provision(input(Features.NONE));

    assertEquals(ProvisioningState.SHUT_DOWN, result.state(), result.toString());
    verify(node.changes).shutdownNode(FakeNode.IDENTITY);
    verify(node.rpc, never()).shutdown(anyString());
    assertEquals(0, count(eventTypes(env, stub), EventType.EVENT_TYPE_TIMER_STARTED));
  }

  private static ProvisionInput input(Features features) {
    return ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "test").withLocalActivities(true);
  }

  private static NodeProvisioningWorkflow start(
      TestWorkflowEnvironment env, Worker worker, Features features) {
    env.start();
    return Environments.start(env.getWorkflowClient(), worker, input(features));
  }

  private static List<EventType> eventTypes(
      TestWorkflowEnvironment env, NodeProvisioningWorkflow stub) {
    String id = WorkflowStub.fromTyped(stub).getExecution().getWorkflowId();
    return env.getWorkflowClient().fetchHistory(id).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }

  private static long count(List<EventType> events, EventType type) {
    return events.stream().filter(type::equals).count();
  }
}
