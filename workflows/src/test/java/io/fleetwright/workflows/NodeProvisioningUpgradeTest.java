package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.Features;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeReturn;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.UpdateInput;
import io.fleetwright.api.UpdateResult;
import io.fleetwright.api.UpgradePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The helper asks for another Choria version ({@code upgrade}) with {@code features.upgrades}. */
class NodeProvisioningUpgradeTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  static final String REPOSITORY = "http://127.0.0.1:8081/choria";
  static final InventoryResult OLD = inventory("0.30.2", true);
  static final InventoryResult NEW = inventory("0.99.0", true);
  static final UpgradePolicy STRICT =
      new UpgradePolicy(true, REPOSITORY, false, Duration.ofMinutes(5));
  static final UpgradePolicy OPTIONAL =
      new UpgradePolicy(true, REPOSITORY, true, Duration.ofMinutes(5));

  static InventoryResult inventory(String version, boolean upgradable) {
    return new InventoryResult(
        "{\"version\":\"" + version + "\",\"upgradable\":" + upgradable + "}",
        version,
        upgradable,
        Map.of());
  }

  static HelperDecision.Configure upgradeTo(String version) {
    return new HelperDecision.Configure(
        FakeNode.CONFIGURATION,
        null,
        null,
        null,
        null,
        Map.of(),
        Map.of(),
        null,
        version,
        "wants " + version,
        false);
  }

  /** A node that takes the update and comes back on 0.99.0. */
  static FakeNode upgradingNode(Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(OLD, NEW);
    when(node.helper.runHelper(any())).thenReturn(upgradeTo("0.99.0"));
    when(node.upgrades.releaseUpdate(any()))
        .thenReturn(new UpdateResult(true, "Restarting Choria Server after 2s", 1));
    when(node.upgrades.awaitVersion(any())).thenReturn(new NodeReturn(true, "0.99.0", 3));
    return node;
  }

  @Test
  void upgradesTheNodeWaitsForItAsksTheHelperAgainAndConfiguresIt(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    NodeProvisioningWorkflow stub = start(env, worker, STRICT);

    ProvisionResult result = stub.provision(input(STRICT));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    assertEquals(
        List.of(
            ProvisioningStep.INVENTORY,
            ProvisioningStep.HELPER,
            ProvisioningStep.UPGRADE,
            ProvisioningStep.UPGRADE_WAIT,
            ProvisioningStep.INVENTORY,
            ProvisioningStep.HELPER,
            ProvisioningStep.CONFIGURE_AND_RESTART),
        result.steps().stream().map(step -> step.step()).toList());
    verify(node.upgrades).releaseUpdate(new UpdateInput(FakeNode.IDENTITY, REPOSITORY, "0.99.0"));
    verify(node.helper, times(2)).runHelper(any());
    verify(node.changes, times(1)).applyConfiguration(any());
    assertEquals("0.30.2", Environments.attribute(stub, SearchAttributeKeys.CHORIA_VERSION_BEFORE));
    assertEquals("0.99.0", Environments.attribute(stub, SearchAttributeKeys.CHORIA_VERSION_AFTER));
    String details = Environments.currentDetails(stub);
    assertTrue(details.contains("Choria 0.30.2 → 0.99.0"), details);
  }

  @Test
  void aNodeThatDoesNotComeBackInTimeEndsFailedSayingSo(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.upgrades.awaitVersion(any())).thenReturn(new NodeReturn(false, "", 40));
    NodeProvisioningWorkflow stub = start(env, worker, OPTIONAL);

    ProvisionResult result = failed(() -> stub.provision(input(OPTIONAL)));

    assertTrue(
        result.message().contains("did not come back in provisioning mode within PT5M"),
        result.message());
    assertEquals(ProvisioningStep.UPGRADE_WAIT, result.steps().getLast().step());
    verify(node.changes, never()).applyConfiguration(any());
  }

  @Test
  void aNodeBackOnItsOldVersionEndsFailedSayingWhichVersion(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(OLD);
    when(node.upgrades.awaitVersion(any())).thenReturn(new NodeReturn(true, "0.30.2", 5));
    NodeProvisioningWorkflow stub = start(env, worker, STRICT);

    ProvisionResult result = failed(() -> stub.provision(input(STRICT)));

    assertTrue(
        result.message().contains("came back on version 0.30.2, not 0.99.0"), result.message());
    assertEquals("0.30.2", Environments.attribute(stub, SearchAttributeKeys.CHORIA_VERSION_AFTER));
    verify(node.changes, never()).applyConfiguration(any());
  }

  @Test
  void optionalUpgradesConfigureANodeThatCannotUpgradeOnItsOldVersion(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(inventory("0.30.2", false));
    NodeProvisioningWorkflow stub = start(env, worker, OPTIONAL);

    ProvisionResult result = stub.provision(input(OPTIONAL));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    verify(node.upgrades, never()).releaseUpdate(any());
    verify(node.changes, times(1)).applyConfiguration(any());
    assertNull(Environments.attribute(stub, SearchAttributeKeys.CHORIA_VERSION_BEFORE));
  }

  @Test
  void optionalUpgradesConfigureANodeThatRefusedTheRelease(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(OLD);
    when(node.upgrades.releaseUpdate(any()))
        .thenReturn(
            new UpdateResult(
                false,
                "Update to version 0.99.0 failed, release rolled back: downloaded file had an"
                    + " invalid checksum",
                1));
    NodeProvisioningWorkflow stub = start(env, worker, OPTIONAL);

    ProvisionResult result = stub.provision(input(OPTIONAL));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    verify(node.upgrades, never()).awaitVersion(any());
    verify(node.helper, times(1)).runHelper(any());
  }

  @Test
  void optionalUpgradesConfigureANodeBackOnItsOldVersionAfterAskingTheHelperOnceMore(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(OLD);
    when(node.upgrades.awaitVersion(any())).thenReturn(new NodeReturn(true, "0.30.2", 5));
    NodeProvisioningWorkflow stub = start(env, worker, OPTIONAL);

    ProvisionResult result = stub.provision(input(OPTIONAL));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    verify(node.upgrades, times(1)).releaseUpdate(any());
    verify(node.helper, times(2)).runHelper(any());
    verify(node.changes, times(1)).applyConfiguration(any());
    assertEquals("0.30.2", Environments.attribute(stub, SearchAttributeKeys.CHORIA_VERSION_AFTER));
  }

  @Test
  void withoutOptionalANodeThatCannotUpgradeEndsFailedNamingTheClaim(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(inventory("0.30.2", false));
    NodeProvisioningWorkflow stub = start(env, worker, STRICT);

    ProvisionResult result = failed(() -> stub.provision(input(STRICT)));

    assertTrue(result.message().contains("does not support upgrades"), result.message());
    assertTrue(result.message().contains("jwt prov --upgrade"), result.message());
  }

  @Test
  void aNodeAlreadyOnTheVersionIsConfiguredWithoutAnUpdate(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    when(node.rpc.fetchInventory(FakeNode.IDENTITY)).thenReturn(NEW);
    NodeProvisioningWorkflow stub = start(env, worker, STRICT);

    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input(STRICT)).state());
    verify(node.upgrades, never()).releaseUpdate(any());
  }

  @Test
  void withUpgradesOffTheHelpersUpgradeIsIgnoredAndNoVersionMarkerIsRecorded(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = upgradingNode(worker);
    NodeProvisioningWorkflow stub = start(env, worker, UpgradePolicy.OFF);

    assertEquals(ProvisioningState.PROVISIONED, stub.provision(input(UpgradePolicy.OFF)).state());
    verify(node.upgrades, never()).releaseUpdate(any());
    String id = WorkflowStub.fromTyped(stub).getExecution().getWorkflowId();
    List<HistoryEvent> events = env.getWorkflowClient().fetchHistory(id).getEvents();
    assertFalse(
        events.stream().anyMatch(e -> e.toString().contains(NodeUpgrade.CHANGE_ID)),
        "no choria-upgrade marker in a run that does not upgrade");
  }

  private static ProvisionResult failed(org.junit.jupiter.api.function.Executable run) {
    WorkflowFailedException ended = assertThrows(WorkflowFailedException.class, run);
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, ended.getCause());
    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    assertEquals(ProvisioningState.FAILED, result.state(), result.toString());
    return result;
  }

  static ProvisionInput input(UpgradePolicy policy) {
    return ProvisionInput.of(
            FakeNode.IDENTITY, "lab", new Features(false, false, false, policy), "test")
        .withLocalActivities(true);
  }

  private static NodeProvisioningWorkflow start(
      TestWorkflowEnvironment env, Worker worker, UpgradePolicy policy) {
    env.start();
    return Environments.start(env.getWorkflowClient(), worker, input(policy));
  }
}
