package io.fleetwright.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.fleetwright.api.CaRoute;
import io.fleetwright.api.Features;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.WorkflowIds;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ca.rate_limit}: a run with a {@link CaRoute} signs (and, if asked, runs its helper) as a
 * regular activity on the CA task queue behind the {@code ca-rate-limit} marker; a run without one
 * is unchanged and records no marker.
 */
class NodeProvisioningCaRateLimitTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Environments.extension();

  private static final Features PKI = new Features(true, true, false);

  static ProvisionInput input(Worker worker, boolean helper) {
    return ProvisionInput.of(FakeNode.IDENTITY, "lab", PKI, "test")
        .withLocalActivities(true)
        .withCaRoute(new CaRoute(CaRoute.taskQueueOf(worker.getTaskQueue()), helper));
  }

  /** The mocks on the workflow's queue and on its CA queue, as every worker registers them. */
  static FakeNode signingNode(TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = new FakeNode().on(worker);
    when(node.helper.runHelper(any())).thenReturn(FakeNode.configureWithSigningAndKey());
    env.newWorker(CaRoute.taskQueueOf(worker.getTaskQueue()))
        .registerActivitiesImplementations(node.credentials, node.helper);
    return node;
  }

  @Test
  void aRunWithoutTheLimitSignsLocallyAndRecordsNoMarker(
      TestWorkflowEnvironment env, Worker worker) {
    signingNode(env, worker);
    ProvisionInput input =
        ProvisionInput.of(FakeNode.IDENTITY, "lab", PKI, "test").withLocalActivities(true);
    assertEquals(ProvisioningState.PROVISIONED, run(env, worker, input));

    List<HistoryEvent> events = history(env, input);
    assertFalse(hasMarker(events), "an ordinary run records no " + CaQueue.CA_RATE_LIMIT);
    Map<String, String> queues = scheduledOn(events);
    assertFalse(queues.containsKey(ActivityTypes.SIGN_CSR), "signing stays local: " + queues);
    assertTrue(
        queues.values().stream().allMatch(worker.getTaskQueue()::equals),
        "nothing goes to the CA queue: " + queues);
  }

  @Test
  void aLimitedRunSignsOnTheCaQueueAndKeepsTheHelperLocal(
      TestWorkflowEnvironment env, Worker worker) {
    FakeNode node = signingNode(env, worker);
    ProvisionInput input = input(worker, false);
    assertEquals(ProvisioningState.PROVISIONED, run(env, worker, input));

    List<HistoryEvent> events = history(env, input);
    assertTrue(hasMarker(events));
    Map<String, String> queues = scheduledOn(events);
    assertEquals(CaRoute.taskQueueOf(worker.getTaskQueue()), queues.get(ActivityTypes.SIGN_CSR));
    assertFalse(queues.containsKey(ActivityTypes.RUN_HELPER), queues.toString());
    org.mockito.Mockito.verify(node.credentials).signCsr(FakeNode.IDENTITY, FakeNode.CSR.csrPem());
  }

  @Test
  void aLimitedRunWhoseHelperCallsTheCaRunsItOnTheCaQueueToo(
      TestWorkflowEnvironment env, Worker worker) {
    signingNode(env, worker);
    ProvisionInput input = input(worker, true);
    assertEquals(ProvisioningState.PROVISIONED, run(env, worker, input));

    Map<String, String> queues = scheduledOn(history(env, input));
    String caQueue = CaRoute.taskQueueOf(worker.getTaskQueue());
    assertEquals(caQueue, queues.get(ActivityTypes.SIGN_CSR));
    assertEquals(caQueue, queues.get(ActivityTypes.RUN_HELPER));
  }

  private static ProvisioningState run(
      TestWorkflowEnvironment env, Worker worker, ProvisionInput input) {
    env.start();
    NodeProvisioningWorkflow stub = Environments.start(env.getWorkflowClient(), worker, input);
    return io.temporal.client.WorkflowStub.fromTyped(stub)
        .getResult(io.fleetwright.api.ProvisionResult.class)
        .state();
  }

  private static List<HistoryEvent> history(TestWorkflowEnvironment env, ProvisionInput input) {
    return env.getWorkflowClient().fetchHistory(WorkflowIds.node(input.identity())).getEvents();
  }

  private static boolean hasMarker(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .anyMatch(e -> e.toString().contains(CaQueue.CA_RATE_LIMIT));
  }

  /** Activity type to the task queue of each regular activity the run scheduled. */
  private static Map<String, String> scheduledOn(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .collect(
            Collectors.toMap(
                a -> a.getActivityType().getName(), a -> a.getTaskQueue().getName(), (a, b) -> a));
  }
}
