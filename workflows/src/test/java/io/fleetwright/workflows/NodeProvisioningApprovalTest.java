package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.ApprovalPolicy;
import io.fleetwright.api.ApprovalStatus;
import io.fleetwright.api.ControlRequest;
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
import io.fleetwright.testing.Await;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A helper that asks for approval: approve, reject, time out, and the Web UI's signals. */
class NodeProvisioningApprovalTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  static final HelperDecision.Approval ASK =
      new HelperDecision.Approval("new rack 7, check the cabling", FakeNode.configure());
  private static final ApprovalPolicy DEFER_AFTER_2H =
      new ApprovalPolicy(Duration.ofHours(2), ApprovalPolicy.OnTimeout.DEFER);
  private static final ApprovalPolicy FAIL_AFTER_2H =
      new ApprovalPolicy(Duration.ofHours(2), ApprovalPolicy.OnTimeout.FAIL);

  private NodeProvisioningWorkflow start(
      TestWorkflowEnvironment env, Worker worker, ProvisionInput input) {
    env.start();
    return Environments.start(env.getWorkflowClient(), worker, input);
  }

  private static ProvisionInput input(ApprovalPolicy policy) {
    return ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test")
        .withDefer(new DeferPolicy(Duration.ofMinutes(10), Duration.ofHours(1), 2, 0, 5))
        .withApproval(policy);
  }

  private static NodeStatus awaiting(NodeProvisioningWorkflow stub) {
    return Await.until(
        "AWAITING_APPROVAL", stub::status, s -> s.state() == ProvisioningState.AWAITING_APPROVAL);
  }

  @Test
  void anApprovedNodeIsConfiguredWithTheSameHelperReplyAndSaysWhoApproved(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK);
    ProvisionInput input = input(ApprovalPolicy.DEFAULT);
    NodeProvisioningWorkflow stub = start(env, worker, input);

    NodeStatus waiting = awaiting(stub);
    assertEquals(ProvisioningStep.APPROVAL_WAIT, waiting.currentStep());
    assertEquals(ApprovalStatus.pending(ASK.reason()), waiting.approval());
    assertEquals(
        "AWAITING_APPROVAL", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
    String details = Environments.currentDetails(stub);
    assertTrue(
        details.contains("awaiting approval: new rack 7")
            && details.contains("provisioner approve node1.example.net"),
        details);
    verify(node.rpc, never()).configure(any());

    String answer = stub.approveNow(new ControlRequest("cabling checked", "alice"));
    ProvisionResult result = stub.provision(input);

    assertTrue(answer.startsWith("node1.example.net: APPROVED by alice at "), answer);
    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    ApprovalStatus approval = result.approval();
    assertNotNull(approval, result.toString());
    assertEquals(ApprovalStatus.Decision.APPROVED, approval.decision());
    assertEquals("alice", approval.by());
    assertEquals("cabling checked", approval.reason());
    verify(node.helper, times(1)).runHelper(any());
    verify(node.rpc).configure(any());
    assertTrue(hasApprovalMarker(env, stub), "the approval branch records its version marker");
  }

  @Test
  void aRejectedNodeEndsRejectedWithoutBeingChangedAndTheRunCompletes(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK);
    ProvisionInput input = input(ApprovalPolicy.DEFAULT).withLocalActivities(true);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    awaiting(stub);
    assertEquals(
        "AWAITING_APPROVAL",
        Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE),
        "a run that batches its upserts still shows the wait");

    stub.rejectNow(new ControlRequest("not our rack", "bob"));
    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.REJECTED, result.state(), result.toString());
    assertTrue(
        result.message().startsWith("rejected: REJECTED by bob at ")
            && result
                .message()
                .endsWith(": not our rack (helper asked: new rack 7, check the cabling)"),
        result.message());
    assertEquals(ApprovalStatus.Decision.REJECTED, result.approval().decision());
    assertEquals("REJECTED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
    verify(node.changes, never()).applyConfiguration(any());
    verify(node.rpc, never()).configure(any());
  }

  @Test
  void anApprovalThatTimesOutDefersTheNodeAndTheNextAttemptAsksTheHelperAgain(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK).thenReturn(FakeNode.configure());
    ProvisionInput input = input(DEFER_AFTER_2H);
    NodeProvisioningWorkflow stub = start(env, worker, input);

    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    assertEquals(2, result.attempts());
    Duration waited = result.timeIn(ProvisioningStep.APPROVAL_WAIT);
    assertTrue(
        waited.compareTo(Duration.ofHours(2)) >= 0
            && waited.compareTo(Duration.ofHours(2).plusMinutes(1)) < 0,
        "approval wait took " + waited);
    assertEquals(
        1, result.steps().stream().filter(s -> s.step() == ProvisioningStep.DEFER_WAIT).count());
    assertEquals(ApprovalStatus.Decision.TIMED_OUT, result.approval().decision());
    verify(node.helper, times(2)).runHelper(any());
  }

  @Test
  void anApprovalThatTimesOutFailsTheNodeWhenConfiguredTo(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK);
    ProvisionInput input = input(FAIL_AFTER_2H);
    NodeProvisioningWorkflow stub = start(env, worker, input);

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> stub.provision(input));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(FailureTypes.PROVISIONING_FAILED, failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("within approval.timeout PT2H")
            && failure.getOriginalMessage().contains("approval.on_timeout is fail"),
        failure.getOriginalMessage());
    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    assertEquals(ProvisioningState.FAILED, result.state());
    assertEquals(ApprovalStatus.Decision.TIMED_OUT, result.approval().decision());
    verify(node.changes, never()).applyConfiguration(any());
  }

  @Test
  void refusesApproveAndRejectUpdatesForANodeThatIsNotWaitingOrAlreadyDecided(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenReturn(new HelperDecision.Defer("later"))
        .thenReturn(ASK);
    ProvisionInput input = input(ApprovalPolicy.DEFAULT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);

    WorkflowUpdateException early =
        assertThrows(
            WorkflowUpdateException.class, () -> stub.approveNow(new ControlRequest("", "x")));
    assertTrue(
        rejection(early)
            .startsWith(
                "cannot approve node1.example.net now: it is DEFERRED, not AWAITING_APPROVAL"),
        rejection(early));

    stub.retryNow();
    awaiting(stub);
    stub.approveNow(new ControlRequest("", "alice"));
    WorkflowUpdateException late =
        assertThrows(
            WorkflowUpdateException.class, () -> stub.rejectNow(new ControlRequest("", "bob")));
    assertTrue(
        rejection(late).startsWith("cannot reject node1.example.net now: it was already APPROVED")
            || rejection(late).contains("not AWAITING_APPROVAL"),
        rejection(late));
    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
  }

  @Test
  void theApproveSignalApprovesAWaitingNode(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK);
    ProvisionInput input = input(ApprovalPolicy.DEFAULT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    awaiting(stub);

    WorkflowStub.fromTyped(stub).signal("approve", new ControlRequest("looked fine", "ui-user"));
    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.PROVISIONED, result.state());
    assertEquals("ui-user", result.approval().by());
    assertEquals("looked fine", result.approval().reason());
  }

  @Test
  void theRejectSignalWithoutAPayloadRejectsAWaitingNodeAsSignal(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK);
    ProvisionInput input = input(ApprovalPolicy.DEFAULT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    awaiting(stub);

    WorkflowStub.fromTyped(stub).signal("reject");
    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.REJECTED, result.state());
    assertEquals("signal", result.approval().by());
    verify(node.changes, never()).applyConfiguration(any());
  }

  @Test
  void theRetrySignalWakesADeferredNode(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenReturn(new HelperDecision.Defer("later"))
        .thenReturn(FakeNode.configure());
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test")
            .withDefer(new DeferPolicy(Duration.ofDays(1), Duration.ofDays(1), 1, 0, 5));
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);

    WorkflowStub.fromTyped(stub).signal("retry", new ControlRequest("", "ui-user"));
    ProvisionResult result = stub.provision(input);

    assertEquals(ProvisioningState.PROVISIONED, result.state());
    Duration waited = result.timeIn(ProvisioningStep.DEFER_WAIT);
    assertTrue(waited.compareTo(Duration.ofHours(1)) < 0, "deferral wait took " + waited);
  }

  @Test
  void signalsThatDoNotApplyAreIgnoredWithANoteInTheStatusAndDetails(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(ASK);
    ProvisionInput input = input(ApprovalPolicy.DEFAULT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    awaiting(stub);

    WorkflowStub.fromTyped(stub).signal("retry");
    NodeStatus noted = Await.until("a note", stub::status, s -> !s.notes().isEmpty());

    assertEquals(1, noted.notes().size(), noted.notes().toString());
    assertTrue(
        noted
            .notes()
            .get(0)
            .endsWith(
                "ignored signal retry: it is AWAITING_APPROVAL, not DEFERRED; retry only shortens a"
                    + " deferral wait"),
        noted.notes().get(0));
    assertEquals(ProvisioningState.AWAITING_APPROVAL, noted.state());
    String details = Environments.currentDetails(stub);
    assertTrue(details.contains("note: ") && details.contains("ignored signal retry"), details);

    stub.approveNow(new ControlRequest("", "alice"));
    ProvisionResult result = stub.provision(input);
    assertEquals(ProvisioningState.PROVISIONED, result.state());

    assertThrows(
        io.temporal.client.WorkflowNotFoundException.class,
        () -> WorkflowStub.fromTyped(stub).signal("approve"),
        "a closed run takes no signal");
  }

  @Test
  void anApproveSignalToADeferredNodeIsIgnoredAndTheNodeStaysDeferred(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenReturn(new HelperDecision.Defer("later"))
        .thenReturn(FakeNode.configure());
    ProvisionInput input = input(ApprovalPolicy.DEFAULT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);

    WorkflowStub.fromTyped(stub).signal("approve", new ControlRequest("", "ui-user"));
    NodeStatus noted = Await.until("a note", stub::status, s -> !s.notes().isEmpty());

    assertTrue(
        noted
            .notes()
            .get(0)
            .contains(
                "ignored signal approve: cannot approve node1.example.net now: it is DEFERRED, not"
                    + " AWAITING_APPROVAL"),
        noted.notes().get(0));
    assertEquals(ProvisioningState.DEFERRED, noted.state());
    assertEquals(null, noted.approval());
    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input).state());
    assertFalse(hasApprovalMarker(env, stub), "a run whose helper never asked has no marker");
  }

  private static String rejection(WorkflowUpdateException rejected) {
    return assertInstanceOf(ApplicationFailure.class, rejected.getCause()).getOriginalMessage();
  }

  private static boolean hasApprovalMarker(
      TestWorkflowEnvironment env, NodeProvisioningWorkflow stub) {
    WorkflowClient client = env.getWorkflowClient();
    String id = WorkflowStub.fromTyped(stub).getExecution().getWorkflowId();
    return client.fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .anyMatch(e -> e.toString().contains(ApprovalGate.NODE_APPROVAL));
  }
}
