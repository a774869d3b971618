package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.fleetwright.api.Features;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.StepOutcome;
import io.fleetwright.api.StepRecord;
import io.fleetwright.testing.Await;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeProvisioningPauseTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  @Test
  void doesNothingWhileStartedPausedAndProvisionsOnResume(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test").withStartPaused(true);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    NodeStatus held =
        Await.until("held before INVENTORY", stub::status, s -> s.currentStep() != null);

    env.sleep(Duration.ofHours(2));

    assertEquals(ProvisioningStep.INVENTORY, held.currentStep());
    assertEquals(ProvisioningState.DISCOVERED, stub.status().state());
    assertEquals(true, stub.status().paused());
    assertEquals("started paused: the fleet is paused", stub.status().pauseReason());
    verifyNoInteractions(node.rpc, node.helper, node.credentials);
    stub.resume();
    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
    verify(node.rpc).configure(any());
  }

  @Test
  void holdsBeforeTheNextStepAndResumesThereWithoutRedoingEarlierSteps(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    try (Gate helperRunning = new Gate()) {
      when(node.helper.runHelper(any())).thenAnswer(helperRunning.holding(FakeNode.configure()));
      env.start();
      ProvisionInput input = ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test");
      NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
      helperRunning.awaitEntered("the helper to run");

      stub.pause("maintenance window");
      helperRunning.open();
      NodeStatus held =
          Await.until(
              "held before CONFIGURE",
              stub::status,
              s -> s.currentStep() == ProvisioningStep.CONFIGURE);
      env.sleep(Duration.ofHours(1));

      assertEquals(FakeNode.IDENTITY, held.identity());
      assertEquals("lab", held.site());
      assertEquals(ProvisioningState.HELPER, held.state());
      assertEquals(1, held.attempt());
      assertEquals(true, held.paused());
      assertEquals("maintenance window", held.pauseReason());
      assertEquals("configured by test helper", held.lastMessage());
      assertEquals(
          List.of(ProvisioningStep.INVENTORY, ProvisioningStep.HELPER),
          held.steps().stream().map(StepRecord::step).toList());
      assertEquals(
          List.of(StepOutcome.SUCCEEDED, StepOutcome.SUCCEEDED),
          held.steps().stream().map(StepRecord::outcome).toList());
      verify(node.rpc, never()).configure(any());
      String details = Environments.currentDetails(stub);
      assertTrue(
          details.startsWith("**node1.example.net** · HELPER · attempt 1 of 100")
              && details.contains("step `CONFIGURE`")
              && details.contains("paused: maintenance window"),
          details);

      stub.resume();
      stub.resume();
      assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
      verify(node.rpc, times(1)).fetchInventory(anyString());
      verify(node.helper, times(1)).runHelper(any());
      verify(node.rpc, times(1)).configure(any());
    }
  }

  @Test
  void countsAnnouncementsFromSignalWithStartWithoutChangingTheFlow(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "lifecycle")
            .withStartPaused(true);
    NodeProvisioningWorkflow stub = null;
    for (String source : List.of("lifecycle", "broadcast", "lifecycle")) {
      stub =
          client.newWorkflowStub(
              NodeProvisioningWorkflow.class,
              NodeWorkflowOptions.forNode(input, worker.getTaskQueue()));
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(stub::provision, input);
      request.add(stub::announced, source);
      client.signalWithStart(request);
    }
    NodeProvisioningWorkflow node1 = stub;

    NodeStatus status =
        Await.until("three announcements", node1::status, s -> s.announcements() == 3);

    assertEquals(ProvisioningState.DISCOVERED, status.state());
    node1.resume();
    assertEquals(ProvisioningState.PROVISIONED, node1.provision(input).state());
    verify(node.rpc, times(1)).fetchInventory(anyString());
  }
}
