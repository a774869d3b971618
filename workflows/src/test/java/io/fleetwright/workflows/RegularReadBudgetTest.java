package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.Features;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.SearchAttributeKeys;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reads of a node as regular activities (runs started before {@code local-node-rpc}): retried
 * by the server past Go's five tries until the read budget is spent. On real time with a 2 s
 * budget: with time skipping and the 3-minute default, the test server once kept retrying for 15
 * minutes (attempt 129,513) without ever reaching the budget.
 */
class RegularReadBudgetTest {
  private TestWorkflowEnvironment env;

  @BeforeEach
  void realTime() {
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false);
    SearchAttributeKeys.indexedValueTypes().forEach(options::registerSearchAttribute);
    env = TestWorkflowEnvironment.newInstance(options.build());
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aReadOfTheNodeIsRetriedUntilItsTimeBudgetIsSpentNotForGosFiveTries() {
    Worker worker = env.newWorker("read-budget", Environments.workerOptions());
    worker.registerWorkflowImplementationTypes(
        ProvisioningActivityOptions.forWorkflows(NodeReadBudgetTest.FAST),
        NodeProvisioningWorkflowImpl.class);
    FakeNode node = new FakeNode().on(worker);
    when(node.rpc.fetchInventory(anyString()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "no reply from node1.example.net", FailureTypes.NODE_UNREACHABLE));
    env.start();
    ProvisionInput input = ProvisionInput.of(FakeNode.IDENTITY, "lab", Features.NONE, "test");
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> stub.provision(input));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(FailureTypes.PROVISIONING_FAILED, failure.getType(), failure.toString());
    String message = failure.getOriginalMessage();
    assertTrue(
        message.contains("INVENTORY failed for node1.example.net (NODE_UNREACHABLE)"), message);
    assertTrue(message.contains("no reply from node1.example.net"), message);
    assertTrue(
        message.contains("gave up when its retry time (read_steps_budget) was spent"), message);
    // 2 s of back-off from 10 ms to 50 ms: far more than Go's five tries.
    verify(node.rpc, atLeast(10)).fetchInventory(FakeNode.IDENTITY);
    verify(node.helper, never()).runHelper(any());
    assertEquals("FAILED", Environments.attribute(stub, SearchAttributeKeys.PROVISIONING_STATE));
  }
}
