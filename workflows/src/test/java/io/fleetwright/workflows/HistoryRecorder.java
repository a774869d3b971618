package io.fleetwright.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.DeferPolicy;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.Features;
import io.fleetwright.api.FleetControlState;
import io.fleetwright.api.FleetControlWorkflow;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.testing.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records one history per workflow branch into {@code src/test/resources/histories}. Not a test
 * (surefire skips the name); run it on purpose, see workflows/README.md. It records what today's
 * code does: histories of older versions ({@code provisioned-local-activities}, {@code
 * *-local-node-rpc-v1}, {@code *-local-helper-v1}, {@code -v2} and {@code -v3}) were recorded by
 * the code of their time and are kept as they are.
 */
class HistoryRecorder {
  static final Path DIRECTORY = Path.of("src/test/resources/histories");
  private static final HelperDecision.Defer WAIT = new HelperDecision.Defer("waiting for CMDB");
  private static final DeferPolicy SHORT =
      new DeferPolicy(Duration.ofMinutes(10), Duration.ofHours(1), 2, 0.2, 3);

  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  @Test
  void provisionedWithoutFeatures(TestWorkflowEnvironment env, Worker worker) throws IOException {
    new FakeNode().on(worker);
    provision(env, worker, "provisioned-no-features", input(Features.NONE));
  }

  @Test
  void provisionedWithPkiSigningAndKey(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(FakeNode.configureWithSigningAndKey());
    provision(env, worker, "provisioned-pki-jwt-sign-key", input(new Features(true, true, false)));
  }

  @Test
  void provisionedWithEd25519(TestWorkflowEnvironment env, Worker worker) throws IOException {
    new FakeNode().on(worker);
    provision(env, worker, "provisioned-ed25519", input(new Features(false, true, true)));
  }

  @Test
  void provisionedWithLocalHelper(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(FakeNode.configureWithSigningAndKey());
    ProvisionInput input = input(new Features(true, true, false)).withLocalActivities(true);
    provision(env, worker, "provisioned-lean-node-v2", input);
  }

  @Test
  void deferredWithLocalHelperThenProvisioned(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT, WAIT).thenReturn(FakeNode.configure());
    ProvisionInput input = input(Features.NONE).withDefer(SHORT).withLocalActivities(true);
    provision(env, worker, "deferred-lean-node-v2", input);
  }

  @Test
  void pausedWithLocalHelperThenResumed(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    new FakeNode().on(worker);
    ProvisionInput input = input(Features.NONE).withStartPaused(true).withLocalActivities(true);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("waiting for resume", stub::status, s -> s.paused() && s.currentStep() != null);
    stub.resume();
    finish(env, stub, input, "paused-lean-node-v2");
  }

  @Test
  void shutDownWithLocalHelper(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(new HelperDecision.Shutdown("decommissioned"));
    provision(
        env, worker, "shut-down-lean-node-v2", input(Features.NONE).withLocalActivities(true));
  }

  @Test
  void failedApplyingWithLocalHelper(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.changes.applyConfiguration(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "config does not parse", FailureTypes.RPC_ABORTED));
    ProvisionInput input = input(new Features(true, false, false)).withLocalActivities(true);
    provision(env, worker, "failed-apply-lean-node-v2", input);
  }

  @Test
  void upgradedThenProvisioned(TestWorkflowEnvironment env, Worker worker) throws IOException {
    NodeProvisioningUpgradeTest.upgradingNode(worker);
    ProvisionInput input =
        input(new Features(true, true, false).withUpgrades(NodeProvisioningUpgradeTest.STRICT))
            .withLocalActivities(true);
    provision(env, worker, "upgraded-choria-upgrade-v1", input);
  }

  @Test
  void upgradeRefusedThenProvisionedOnTheOldVersion(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    FakeNode node = NodeProvisioningUpgradeTest.upgradingNode(worker);
    when(node.upgrades.releaseUpdate(any()))
        .thenReturn(
            new io.fleetwright.api.UpdateResult(
                false, "Update to version 0.99.0 failed, release rolled back: 404", 1));
    ProvisionInput input =
        input(Features.NONE.withUpgrades(NodeProvisioningUpgradeTest.OPTIONAL))
            .withLocalActivities(true);
    provision(env, worker, "upgrade-skipped-choria-upgrade-v1", input);
  }

  @Test
  void approvedWithLocalHelper(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(NodeProvisioningApprovalTest.ASK);
    ProvisionInput input = input(Features.NONE).withLocalActivities(true);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("awaiting", stub::status, s -> s.state() == ProvisioningState.AWAITING_APPROVAL);
    WorkflowStub.fromTyped(stub).signal("retry", new ControlRequest("", "alice"));
    Await.until("ignored retry", stub::status, s -> !s.notes().isEmpty());
    stub.approveNow(new ControlRequest("cabling checked", "alice"));
    finish(env, stub, input, "approved-node-approval-v1");
  }

  @Test
  void rejectedWithLocalHelper(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(NodeProvisioningApprovalTest.ASK);
    ProvisionInput input = input(Features.NONE).withLocalActivities(true);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("awaiting", stub::status, s -> s.state() == ProvisioningState.AWAITING_APPROVAL);
    WorkflowStub.fromTyped(stub).signal("reject", new ControlRequest("not our rack", "bob"));
    finish(env, stub, input, "rejected-node-approval-v1");
  }

  @Test
  void provisionedSigningOnTheCaQueue(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    NodeProvisioningCaRateLimitTest.signingNode(env, worker);
    ProvisionInput input = NodeProvisioningCaRateLimitTest.input(worker, false);
    provision(env, worker, "provisioned-ca-rate-limit-v1", input);
  }

  @Test
  void provisionedWithTheHelperOnTheCaQueue(TestWorkflowEnvironment env, Worker worker)
      throws IOException {
    NodeProvisioningCaRateLimitTest.signingNode(env, worker);
    ProvisionInput input = NodeProvisioningCaRateLimitTest.input(worker, true);
    provision(env, worker, "provisioned-ca-rate-limit-helper-v1", input);
  }

  @Test
  void deferredTwiceThenProvisioned(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT, WAIT).thenReturn(FakeNode.configure());
    provision(env, worker, "deferred-then-provisioned", input(Features.NONE).withDefer(SHORT));
  }

  @Test
  void deferredThenRetriedNow(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT).thenReturn(FakeNode.configure());
    ProvisionInput input = input(Features.NONE).withDefer(SHORT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);
    stub.retryNow();
    finish(env, stub, input, "deferred-retry-now");
  }

  @Test
  void deferredUntilTheLimit(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT);
    provision(env, worker, "deferred-limit-failed", input(Features.NONE).withDefer(SHORT));
  }

  @Test
  void shutDown(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(new HelperDecision.Shutdown("decommissioned"));
    provision(env, worker, "shut-down", input(Features.NONE));
  }

  @Test
  void failedPermanently(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.credentials.validateCsr(anyString(), anyString()))
        .thenThrow(ApplicationFailure.newFailure("CN denied", FailureTypes.CSR_NAME_DENIED));
    provision(env, worker, "failed-permanent", input(new Features(true, false, false)));
  }

  @Test
  void failedAfterRetries(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.rpc.fetchInventory(anyString()))
        .thenThrow(ApplicationFailure.newFailure("no reply", FailureTypes.NODE_UNREACHABLE));
    provision(env, worker, "failed-retries-spent", input(Features.NONE));
  }

  @Test
  void failedHelperTimeoutHints(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "helper timed out after 10s", FailureTypes.HELPER_TIMEOUT));
    provision(env, worker, "failed-helper-hints-v1", input(Features.NONE));
  }

  @Test
  void cancelledWhileDeferred(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(WAIT);
    ProvisionInput input = input(Features.NONE).withDefer(SHORT);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    Await.until("DEFERRED", stub::status, s -> s.state() == ProvisioningState.DEFERRED);
    WorkflowStub.fromTyped(stub).cancel();
    finish(env, stub, input, "cancelled-while-deferred");
  }

  @Test
  void pausedAnnouncedAndResumed(TestWorkflowEnvironment env, Worker worker) throws IOException {
    new FakeNode().on(worker);
    ProvisionInput input = input(Features.NONE).withStartPaused(true);
    NodeProvisioningWorkflow stub = start(env, worker, input);
    stub.announced("lifecycle");
    Await.until("announced", stub::status, s -> s.announcements() == 1);
    stub.pause("maintenance");
    stub.resume();
    finish(env, stub, input, "paused-announced-resumed");
  }

  @Test
  void renewedBeforeExpiry(TestWorkflowEnvironment env, Worker worker) throws IOException {
    FakeNode node = new FakeNode().on(worker);
    NodeRenewalTest.renewable(node, env, worker);
    ProvisionInput input =
        input(new Features(false, true, true))
            .withLocalActivities(true)
            .withRenewal(io.fleetwright.api.RenewalPolicy.before(Duration.ofDays(30)));
    NodeProvisioningWorkflow stub = start(env, worker, input);
    String firstRun = WorkflowStub.fromTyped(stub).getExecution().getRunId();
    env.sleep(Duration.ofDays(62));
    String id = WorkflowIds.node(input.identity());
    write("renewal-continued-v1", env.getWorkflowClient().fetchHistory(id, firstRun).toJson(true));
    WorkflowStub.fromTyped(stub).terminate("recorded");
  }

  @Test
  void fleetPausedAndResumed(TestWorkflowEnvironment env, Worker worker) throws IOException {
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    FleetControlWorkflow control =
        client.newWorkflowStub(
            FleetControlWorkflow.class, NodeWorkflowOptions.forControl(worker.getTaskQueue()));
    WorkflowClient.start(control::control, FleetControlState.INITIAL);
    control.pause(new ControlRequest("CA rotation", "alice"));
    control.resume(new ControlRequest("done", "alice"));
    // Left running: the replayer cannot replay a terminated history, and this one never ends.
    write("fleet-control", client.fetchHistory(WorkflowIds.CONTROL).toJson(true));
  }

  private static ProvisionInput input(Features features) {
    return ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "recorder");
  }

  private static NodeProvisioningWorkflow start(
      TestWorkflowEnvironment env, Worker worker, ProvisionInput input) {
    env.start();
    return Environments.start(env.getWorkflowClient(), worker, input);
  }

  private static void provision(
      TestWorkflowEnvironment env, Worker worker, String name, ProvisionInput input)
      throws IOException {
    finish(env, start(env, worker, input), input, name);
  }

  private static void finish(
      TestWorkflowEnvironment env, NodeProvisioningWorkflow stub, ProvisionInput input, String name)
      throws IOException {
    try {
      WorkflowStub.fromTyped(stub).getResult(Object.class);
    } catch (RuntimeException expectedForFailedBranches) {
      // Failed and cancelled branches end with an exception; their history is what we want.
    }
    String id = WorkflowIds.node(input.identity());
    write(name, env.getWorkflowClient().fetchHistory(id).toJson(true));
  }

  private static void write(String name, String json) throws IOException {
    Files.createDirectories(DIRECTORY);
    Files.writeString(DIRECTORY.resolve(name + ".json"), json);
  }
}
