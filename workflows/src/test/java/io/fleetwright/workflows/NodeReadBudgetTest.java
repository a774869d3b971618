package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.Features;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reads of a node (jwt, gen25519, inventory, gencsr) as local activities, as the worker runs
 * them: retried past Go's few tries until their time budget is spent. The back-off and budget are
 * shortened so that the real-time retries of local activities take a second or two.
 */
class NodeReadBudgetTest {
  static final Duration BUDGET = Duration.ofSeconds(2);

  /** Timeouts with a 2 s read budget and 10–50 ms back-off. */
  static final ActivityTimeouts FAST =
      new ActivityTimeouts(
          Duration.ofSeconds(22),
          Duration.ofSeconds(4),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofMillis(10),
          Duration.ofMillis(50),
          Map.of(),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofSeconds(20),
          BUDGET);

  @RegisterExtension static final TestWorkflowExtension temporal = extension();

  private static TestWorkflowExtension extension() {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(
                ProvisioningActivityOptions.forWorkflows(FAST), NodeProvisioningWorkflowImpl.class)
            .setWorkerOptions(Environments.workerOptions())
            .setDoNotStart(true);
    SearchAttributeKeys.indexedValueTypes().forEach(builder::registerSearchAttribute);
    return builder.build();
  }

  private static final ApplicationFailure UNREACHABLE =
      ApplicationFailure.newFailure(
          "no reply from node1.example.net", FailureTypes.NODE_UNREACHABLE);

  private static ProvisionInput input(Features features) {
    return ProvisionInput.of(FakeNode.IDENTITY, "lab", features, "test").withLocalActivities(true);
  }

  @Test
  void aNodeThatAnswersOnlyAfterMoreThanGosTriesIsProvisioned(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    Features pki = new Features(true, false, false);
    when(node.rpc.fetchInventory(anyString()))
        .thenThrow(UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE)
        .thenReturn(FakeNode.INVENTORY);
    // New runs (lean-node v1) fetch the CSR and check it in one read, RequestCheckedCsr.
    when(node.rpc.requestCheckedCsr(anyString()))
        .thenThrow(UNREACHABLE, UNREACHABLE, UNREACHABLE, UNREACHABLE)
        .thenReturn(FakeNode.CSR);
    env.start();

    ProvisionResult result =
        Environments.start(env.getWorkflowClient(), worker, input(pki)).provision(input(pki));

    assertEquals(ProvisioningState.PROVISIONED, result.state(), result.toString());
    // Since lean-node v2 a first attempt's inventory and CSR are one read, retried as a whole: 6
    // tries fail at inventory, then 4 at the CSR (each asking for inventory again), then one works.
    verify(node.rpc, times(11)).fetchInventoryAndCheckedCsr(FakeNode.IDENTITY);
    verify(node.rpc, times(11)).fetchInventory(FakeNode.IDENTITY);
    verify(node.rpc, times(5)).requestCheckedCsr(FakeNode.IDENTITY);
  }

  @Test
  void aNodeThatNeverAnswersFailsOnceTheBudgetIsSpentNamingTheLastFailure(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.rpc.fetchInventory(anyString())).thenThrow(UNREACHABLE);
    env.start();
    NodeProvisioningWorkflow stub =
        Environments.start(env.getWorkflowClient(), worker, input(Features.NONE));

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> stub.provision(input(Features.NONE)));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    String message = failure.getOriginalMessage();
    assertTrue(
        message.contains("INVENTORY failed for node1.example.net (NODE_UNREACHABLE)"), message);
    assertTrue(message.contains("read_steps_budget"), message);
    verify(node.rpc, atLeast(10)).fetchInventory(FakeNode.IDENTITY);
    verify(node.helper, never()).runHelper(any());
  }
}
