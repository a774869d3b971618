package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.StepOutcome;
import io.fleetwright.api.StepRecord;
import io.fleetwright.testing.Await;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeProvisioningCancelTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  @ParameterizedTest
  @EnumSource(
      value = ProvisioningStep.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"RENEWAL_WAIT", "REPROVISION"}) // NodeRenewalTest covers the steps of renewal
  void endsCancelledWhenCancelledDuringAnyStep(
      ProvisioningStep step, TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    try (Gate gate = new Gate()) {
      Features features = arrange(step, node, gate);
      env.start();
      ProvisionInput input =
          ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "test")
              .withLocalActivities(
                  step == ProvisioningStep.CONFIGURE_AND_RESTART
                      || step == ProvisioningStep.INVENTORY_AND_CSR);
      NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
      if (step == ProvisioningStep.DEFER_WAIT || step == ProvisioningStep.APPROVAL_WAIT) {
        Await.until(step.state().name(), stub::status, s -> s.state() == step.state());
      } else {
        gate.awaitEntered(step + " to run");
      }

      WorkflowStub.fromTyped(stub).cancel();

      WorkflowFailedException ended =
          assertThrows(WorkflowFailedException.class, () -> stub.provision(input));
      assertInstanceOf(CanceledFailure.class, ended.getCause(), ended.toString());
      assertEquals(
          "CANCELLED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
      NodeStatus status = stub.status();
      assertEquals(ProvisioningState.CANCELLED, status.state());
      StepRecord last = status.steps().getLast();
      assertEquals(step, last.step(), status.toString());
      assertEquals(StepOutcome.CANCELLED, last.outcome(), status.toString());
      if (step != ProvisioningStep.RESTART && step != ProvisioningStep.SHUTDOWN) {
        verify(node.rpc, never()).restart(anyString());
      }
    }
  }

  /** Makes the flow reach {@code step} and hold there; returns the features that need. */
  private static Features arrange(ProvisioningStep step, FakeNode node, Gate gate) {
    switch (step) {
      case JWT -> when(node.rpc.fetchJwt(anyString())).thenAnswer(gate.holding(FakeNode.JWT));
      case ED25519 ->
          when(node.rpc.generateEd25519(anyString(), anyString()))
              .thenAnswer(gate.holding(FakeNode.ED25519));
      case INVENTORY ->
          when(node.rpc.fetchInventory(anyString())).thenAnswer(gate.holding(FakeNode.INVENTORY));
      case CSR -> when(node.rpc.requestCsr(anyString())).thenAnswer(gate.holding(FakeNode.CSR));
      case INVENTORY_AND_CSR ->
          when(node.rpc.requestCheckedCsr(anyString())).thenAnswer(gate.holding(FakeNode.CSR));
      case HELPER ->
          when(node.helper.runHelper(any())).thenAnswer(gate.holding(FakeNode.configure()));
      case DEFER_WAIT ->
          when(node.helper.runHelper(any())).thenReturn(new HelperDecision.Defer("later"));
      case APPROVAL_WAIT ->
          when(node.helper.runHelper(any())).thenReturn(NodeProvisioningApprovalTest.ASK);
      case SIGN_CSR, ENCRYPT_KEY -> {
        when(node.helper.runHelper(any())).thenReturn(FakeNode.configureWithSigningAndKey());
        if (step == ProvisioningStep.SIGN_CSR) {
          when(node.credentials.signCsr(anyString(), anyString()))
              .thenAnswer(gate.holding(FakeNode.SIGNED));
        } else {
          when(node.credentials.encryptKeyForNode(any(), anyString()))
              .thenAnswer(gate.holding(FakeNode.ENCRYPTED));
        }
      }
      case SIGN_SERVER_JWT ->
          when(node.credentials.signServerJwt(any())).thenAnswer(gate.holding("eyJ.server.jwt"));
      case CONFIGURE ->
          when(node.rpc.configure(any()))
              .thenAnswer(gate.holding(new io.fleetwright.api.ConfigureResult("Wrote 3 lines")));
      case RESTART -> when(node.rpc.restart(anyString())).thenAnswer(gate.holding("Restarting"));
      case CONFIGURE_AND_RESTART ->
          when(node.changes.applyConfiguration(any()))
              .thenAnswer(
                  gate.holding(
                      new io.fleetwright.api.ApplyResult("Wrote 3 lines", "Restarting", 1)));
      case SHUTDOWN -> {
        when(node.helper.runHelper(any())).thenReturn(new HelperDecision.Shutdown("decommission"));
        when(node.rpc.shutdown(anyString())).thenAnswer(gate.holding("Shutting down"));
      }
      case UPGRADE, UPGRADE_WAIT -> {
        when(node.rpc.fetchInventory(anyString())).thenReturn(NodeProvisioningUpgradeTest.OLD);
        when(node.helper.runHelper(any()))
            .thenReturn(NodeProvisioningUpgradeTest.upgradeTo("0.99.0"));
        io.fleetwright.api.UpdateResult accepted =
            new io.fleetwright.api.UpdateResult(true, "Restarting", 1);
        if (step == ProvisioningStep.UPGRADE) {
          when(node.upgrades.releaseUpdate(any())).thenAnswer(gate.holding(accepted));
        } else {
          when(node.upgrades.releaseUpdate(any())).thenReturn(accepted);
          when(node.upgrades.awaitVersion(any()))
              .thenAnswer(gate.holding(new io.fleetwright.api.NodeReturn(true, "0.99.0", 1)));
        }
      }
    }
    return switch (step) {
      case JWT -> new Features(false, true, false);
      case ED25519, SIGN_SERVER_JWT -> new Features(false, true, true);
      case CSR, INVENTORY_AND_CSR, SIGN_CSR, ENCRYPT_KEY -> new Features(true, true, false);
      case UPGRADE, UPGRADE_WAIT -> Features.NONE.withUpgrades(NodeProvisioningUpgradeTest.STRICT);
      default -> Features.NONE;
    };
  }
}
