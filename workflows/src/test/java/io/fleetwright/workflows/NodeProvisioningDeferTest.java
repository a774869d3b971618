package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.DeferPolicy;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.StepRecord;
import io.fleetwright.testing.Await;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeProvisioningDeferTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  private static final HelperDecision.Defer WAIT = new HelperDecision.Defer("waiting for CMDB");

  /** One hour doubling up to four: four deferrals wait about 1 + 2 + 4 + 4 = 11 hours. */
  private static final DeferPolicy HOURS =
      new DeferPolicy(Duration.ofHours(1), Duration.ofHours(4), 2.0, 0.1, 10);

  @Test
  void retriesADeferredNodeOnADurableTimerUntilTheHelperConfiguresIt(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenReturn(WAIT, WAIT, WAIT, WAIT)
        .thenReturn(FakeNode.configure());
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", new Features(true, true, false), "test")
            .withDefer(HOURS);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    ProvisionResult result = stub.provision(input);

    Duration waited = result.timeIn(ProvisioningStep.DEFER_WAIT);
    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    assertEquals(5, result.attempts());
    assertTrue(waited.compareTo(Duration.ofHours(6)) > 0, "deferral waits took " + waited);
    List<Duration> waits =
        result.steps().stream()
            .filter(step -> step.step() == ProvisioningStep.DEFER_WAIT)
            .map(StepRecord::duration)
            .toList();
    assertEquals(4, waits.size(), waits.toString());
    assertBetween(Duration.ofMinutes(54), Duration.ofMinutes(66), waits.get(0));
    assertBetween(Duration.ofMinutes(108), Duration.ofMinutes(132), waits.get(1));
    assertBetween(Duration.ofMinutes(216), Duration.ofMinutes(264), waits.get(2));
    assertBetween(Duration.ofMinutes(216), Duration.ofMinutes(264), waits.get(3));
    verify(node.rpc, times(5)).fetchInventory(FakeNode.IDENTITY);
    verify(node.rpc, times(5)).fetchJwt(FakeNode.IDENTITY);
    verify(node.rpc, times(1)).requestCsr(FakeNode.IDENTITY);
    assertEquals(5L, Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_ATTEMPT));
  }

  @Test
  void failsWithTheHelpersLastMessageWhenItDefersOnTheLastAttempt(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenReturn(WAIT, WAIT, new HelperDecision.Defer("rack 7 is not cabled yet"));
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test")
            .withDefer(new DeferPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5), 2, 0, 3));
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> stub.provision(input));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(FailureTypes.PROVISIONING_FAILED, failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("attempt 3 of 3")
            && failure.getOriginalMessage().contains("rack 7 is not cabled yet"),
        failure.getOriginalMessage());
    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    assertEquals(ProvisioningState.FAILED, result.state());
    assertEquals(3, result.attempts());
    assertEquals("FAILED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
    verify(node.rpc, never()).configure(any());
  }

  @Test
  void retryNowEndsTheDeferralWaitAtOnce(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT).thenReturn(FakeNode.configure());
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test")
            .withDefer(new DeferPolicy(Duration.ofDays(1), Duration.ofDays(1), 1, 0, 5));
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    NodeStatus deferred =
        Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);
    assertNotNull(deferred.nextRetryAt(), deferred.toString());
    assertEquals("waiting for CMDB", deferred.lastMessage());
    assertEquals("DEFERRED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));

    String answer = stub.retryNow();
    ProvisionResult result = stub.provision(input);

    assertEquals("node1.example.net: retrying now, attempt 2 of 5", answer);
    assertEquals(ProvisioningState.PROVISIONED, result.state());
    Duration waited = result.timeIn(ProvisioningStep.DEFER_WAIT);
    assertTrue(waited.compareTo(Duration.ofHours(1)) < 0, "deferral wait took " + waited);
    verify(node.rpc, times(2)).fetchInventory(anyString());
  }

  @Test
  void rejectsRetryNowWhenTheNodeIsNotDeferredNamingItsState(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test").withStartPaused(true);
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    Await.until("paused before INVENTORY", stub::status, s -> s.currentStep() != null);

    WorkflowUpdateException rejected = assertThrows(WorkflowUpdateException.class, stub::retryNow);

    String message = rejection(rejected);
    assertTrue(
        message.contains("cannot retry node1.example.net now: it is DISCOVERED, not DEFERRED")
            && message.contains("provisioner status node1.example.net"),
        message);
    stub.resume();
    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
    verify(node.rpc).restart(FakeNode.IDENTITY);
  }

  @Test
  void rejectsASecondRetryNowWhileTheFirstIsUnderWay(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT).thenReturn(FakeNode.configure());
    env.start();
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test")
            .withDefer(new DeferPolicy(Duration.ofDays(1), Duration.ofDays(1), 1, 0, 5));
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);
    stub.pause("maintenance");
    Await.until("paused", stub::status, NodeStatus::paused);

    String answer = stub.retryNow();
    WorkflowUpdateException again = assertThrows(WorkflowUpdateException.class, stub::retryNow);

    assertEquals(
        "node1.example.net: retrying after resume (the node is paused), attempt 2 of 5", answer);
    assertEquals(
        "cannot retry node1.example.net now: a retry is already under way and starts on resume",
        rejection(again));
    verify(node.rpc, times(1)).fetchInventory(anyString());
    stub.resume();
    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
  }

  private static String rejection(WorkflowUpdateException rejected) {
    return assertInstanceOf(ApplicationFailure.class, rejected.getCause()).getOriginalMessage();
  }

  private static void assertBetween(Duration low, Duration high, Duration actual) {
    assertTrue(
        actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
        "expected between " + low + " and " + high + " but was " + actual);
  }
}
