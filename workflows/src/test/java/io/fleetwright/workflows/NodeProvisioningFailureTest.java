package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.StepOutcome;
import io.fleetwright.api.StepRecord;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeProvisioningFailureTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  private static final ApplicationFailure UNREACHABLE =
      ApplicationFailure.newFailure(
          "no reply from node1.example.net", FailureTypes.NODE_UNREACHABLE);

  @Test
  void retriesARetryableActivityFailureUntilItSucceeds(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.rpc.fetchInventory(anyString()))
        .thenThrow(UNREACHABLE, UNREACHABLE)
        .thenReturn(FakeNode.INVENTORY);

    ProvisionResult result = run(env, worker, Features.NONE).provision(input(Features.NONE));

    assertEquals(ProvisioningState.PROVISIONED, result.state());
    verify(node.rpc, times(3)).fetchInventory(FakeNode.IDENTITY);
  }

  @Test
  void aHelperThatTimesOutOnEveryAttemptIsNamedAndTheNodeIsNotBlamed(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "helper provision.py timed out after 10s", FailureTypes.HELPER_TIMEOUT));
    NodeProvisioningWorkflow stub = run(env, worker, Features.NONE);

    ApplicationFailure failure = failure(stub, Features.NONE);

    assertMessage(failure, "HELPER failed for node1.example.net (HELPER_TIMEOUT)");
    assertMessage(failure, "the helper timed out on every attempt of the retry policy");
    assertMessage(failure, "raise helper_timeout");
    assertMessage(failure, "provisioner helper try --identity node1.example.net");
    assertFalse(
        failure.getOriginalMessage().contains("check the node is up"), failure.getMessage());
  }

  @Test
  void aHelperThatCrashesOnEveryAttemptIsNamedAndTheNodeIsNotBlamed(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenThrow(
            ApplicationFailure.newFailure("helper exited 1: boom", FailureTypes.HELPER_FAILED));
    NodeProvisioningWorkflow stub = run(env, worker, Features.NONE);

    ApplicationFailure failure = failure(stub, Features.NONE);

    assertMessage(failure, "HELPER failed for node1.example.net (HELPER_FAILED)");
    assertMessage(failure, "the helper failed on every attempt of the retry policy");
    assertFalse(
        failure.getOriginalMessage().contains("check the node is up"), failure.getMessage());
    verify(node.helper, times(3)).runHelper(any());
    assertEquals("FAILED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
  }

  @Test
  void doesNotRetryAPermanentTypeEvenWhenThrownRetryable(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.credentials.validateCsr(anyString(), anyString()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "CN node1.example.net.choria matches cert_deny_list",
                FailureTypes.CSR_NAME_DENIED));
    Features pki = new Features(true, false, false);

    ApplicationFailure failure = failure(run(env, worker, pki), pki);

    assertMessage(failure, "CSR failed for node1.example.net (CSR_NAME_DENIED)");
    assertMessage(failure, "matches cert_deny_list");
    verify(node.credentials, times(1)).validateCsr(anyString(), anyString());
    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    StepRecord last = result.steps().getLast();
    assertEquals(ProvisioningStep.CSR, last.step());
    assertEquals(StepOutcome.FAILED, last.outcome());
  }

  @Test
  void failsAtOnceOnANonRetryableHelperFailure(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "helper printed configuration.loglevel as a number",
                FailureTypes.HELPER_OUTPUT_INVALID));

    ApplicationFailure failure = failure(run(env, worker, Features.NONE), Features.NONE);

    assertMessage(failure, "HELPER failed for node1.example.net (HELPER_OUTPUT_INVALID)");
    verify(node.helper, times(1)).runHelper(any());
    verify(node.rpc, never()).configure(any());
  }

  @Test
  void failsPermanentlyWhenTheHelperSendsAKeyWithoutTheJwtFeature(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(configureWithKeyOnly());

    ApplicationFailure failure = failure(run(env, worker, Features.NONE), Features.NONE);

    assertMessage(failure, "features.jwt is off so the node offered no ECDH key");
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
    assertEquals(FailureTypes.KEY_EXCHANGE_UNAVAILABLE, cause.getType());
    verify(node.credentials, never()).encryptKeyForNode(any(), anyString());
    verify(node.rpc, never()).configure(any());
  }

  @Test
  void failsPermanentlyWhenTheHelperAsksToSignWithoutPki(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    HelperDecision.Configure sign =
        new HelperDecision.Configure(
            FakeNode.CONFIGURATION,
            null,
            null,
            null,
            null,
            Map.of(),
            Map.of(),
            null,
            null,
            "",
            true);
    when(node.helper.runHelper(any())).thenReturn(sign);

    ApplicationFailure failure = failure(run(env, worker, Features.NONE), Features.NONE);

    assertMessage(failure, "features.pki is off so the node made no CSR");
    verify(node.credentials, never()).signCsr(anyString(), anyString());
  }

  @Test
  void recordsTheFailedStepWhenTheNodeRejectsTheRestart(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.rpc.restart(anyString()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "server.conf enables provisioning, restart cannot continue",
                FailureTypes.RPC_ABORTED));

    ApplicationFailure failure = failure(run(env, worker, Features.NONE), Features.NONE);

    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    assertEquals(ProvisioningState.FAILED, result.state());
    assertEquals(ProvisioningStep.RESTART, result.steps().getLast().step());
    assertTrue(result.message().contains("restart cannot continue"), result.message());
  }

  private static HelperDecision.Configure configureWithKeyOnly() {
    return new HelperDecision.Configure(
        FakeNode.CONFIGURATION,
        null,
        null,
        null,
        FakeNode.HELPER_KEY,
        Map.of(),
        Map.of(),
        null,
        null,
        "",
        false);
  }

  private static ProvisionInput input(Features features) {
    return ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "test");
  }

  private static NodeProvisioningWorkflow run(
      TestWorkflowEnvironment env, Worker worker, Features features) {
    env.start();
    return Environments.start(env.getWorkflowClient(), worker, input(features));
  }

  private static ApplicationFailure failure(NodeProvisioningWorkflow stub, Features features) {
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> stub.provision(input(features)));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(FailureTypes.PROVISIONING_FAILED, failure.getType(), failure.toString());
    return failure;
  }

  private static void assertMessage(ApplicationFailure failure, String expected) {
    assertTrue(
        failure.getOriginalMessage().contains(expected),
        "expected '" + expected + "' in: " + failure.getOriginalMessage());
  }
}
