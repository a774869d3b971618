package io.fleetwright.app.operator;

import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code status} shows: a running node's live status, answered by a worker's query; or, when
 * no worker can answer (none polls its task queue, or none answers within {@link #QUERY_WAIT}),
 * what visibility recorded (state, attempt) with the {@code problem} that names the fix.
 *
 * @param status the status to print
 * @param problem why the status is not live, and what to do; empty when it is
 */
record StatusReading(NodeStatus status, Optional<String> problem) {
  /** How long {@code status} waits for a worker's answer. */
  static final Duration QUERY_WAIT = Duration.ofSeconds(10);

  /** A poller not seen for this long has gone: a live one polls again within about a minute. */
  private static final Duration POLLER_GONE = Duration.ofSeconds(90);

  static StatusReading of(FleetOperator operator, String id) {
    WorkflowClient client = operator.client();
    String workflowId = FleetOperator.workflowId(id);
    WorkflowExecutionDescription described;
    try {
      described = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return new StatusReading(operator.status(id), Optional.empty());
    }
    if (described.getWorkflowExecutionInfo().getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return new StatusReading(operator.status(id), Optional.empty());
    }
    String queue = described.getWorkflowExecutionInfo().getTaskQueue();
    if (!polled(client, queue)) {
      return fromVisibility(
          id,
          described,
          "no worker is polling task queue "
              + queue
              + ", so nobody can answer for the running node; start 'provisioner run' (the"
              + " state above is what visibility last recorded)");
    }
    CompletableFuture<NodeStatus> query = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                query.complete(
                    client.newWorkflowStub(NodeProvisioningWorkflow.class, workflowId).status());
              } catch (RuntimeException e) {
                query.completeExceptionally(e);
              }
            });
    try {
      return new StatusReading(
          query.get(QUERY_WAIT.toMillis(), TimeUnit.MILLISECONDS), Optional.empty());
    } catch (TimeoutException e) {
      return fromVisibility(
          id,
          described,
          "no worker answered within "
              + QUERY_WAIT.toSeconds()
              + " s although task queue "
              + queue
              + " has pollers (a worker stopping, or too busy); check the 'provisioner run'"
              + " logs and try again (the state above is what visibility last recorded)");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the status of " + id, e);
    }
  }

  private static boolean polled(WorkflowClient client, String queue) {
    List<PollerInfo> pollers =
        ThrottledCalls.call(
                "describing task queue " + queue,
                () ->
                    client
                        .getWorkflowServiceStubs()
                        .blockingStub()
                        .describeTaskQueue(
                            DescribeTaskQueueRequest.newBuilder()
                                .setNamespace(client.getOptions().getNamespace())
                                .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
                                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                                .build()))
            .getPollersList();
    Instant recent = Instant.now().minus(POLLER_GONE);
    return pollers.stream()
        .anyMatch(
            p ->
                Instant.ofEpochSecond(
                        p.getLastAccessTime().getSeconds(), p.getLastAccessTime().getNanos())
                    .isAfter(recent));
  }

  private static StatusReading fromVisibility(
      String id, WorkflowExecutionDescription described, String problem) {
    String state = described.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE);
    Long attempt =
        described.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_ATTEMPT);
    NodeStatus status =
        new NodeStatus(
            FleetOperator.identity(id),
            "",
            state == null ? ProvisioningState.DISCOVERED : ProvisioningState.valueOf(state),
            null,
            null,
            attempt == null ? 0 : attempt.intValue(),
            null,
            "",
            false,
            "",
            0,
            List.of());
    return new StatusReading(status, Optional.of(problem));
  }
}
