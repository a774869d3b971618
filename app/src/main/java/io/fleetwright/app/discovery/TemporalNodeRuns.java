package io.fleetwright.app.discovery;

import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.Optional;

/**
 * Node runs on Temporal for the {@link NodeStarter}. Every start uses the node's options (conflict
 * policy USE_EXISTING: a running workflow of the node is reused) with an explicit reuse policy.
 */
public final class TemporalNodeRuns implements NodeStarter.Runs {
  private final WorkflowClient client;
  private final String taskQueue;

  public TemporalNodeRuns(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** REJECT_DUPLICATE: a closed run is never replaced here; the starter decides about it. */
  @Override
  public Optional<String> startFirst(ProvisionInput input) {
    return start(input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  @Override
  public NodeStarter.LastRun latest(String identity) {
    WorkflowExecutionInfo info =
        client
            .newUntypedWorkflowStub(WorkflowIds.node(identity))
            .describe()
            .getWorkflowExecutionInfo();
    Instant closedAt =
        info.hasCloseTime()
            ? Instant.ofEpochSecond(
                info.getCloseTime().getSeconds(), info.getCloseTime().getNanos())
            : null;
    return new NodeStarter.LastRun(
        info.getExecution().getRunId(), info.getStatus(), closedAt, state(info));
  }

  /** The run's {@code ProvisioningState} search attribute, or empty. */
  static String state(WorkflowExecutionInfo info) {
    Payload value =
        info.getSearchAttributes()
            .getIndexedFieldsMap()
            .get(SearchAttributeKeys.PROVISIONING_STATE.getName());
    if (value == null) {
      return "";
    }
    String state =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(value, String.class, String.class);
    return state == null ? "" : state;
  }

  @Override
  public Optional<String> startAgain(ProvisionInput input, WorkflowIdReusePolicy reuse) {
    return start(input, reuse);
  }

  private Optional<String> start(ProvisionInput input, WorkflowIdReusePolicy reuse) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder(NodeWorkflowOptions.forNode(input, taskQueue))
            .setWorkflowIdReusePolicy(reuse)
            // The client is the worker's own: the server hands the first workflow task back in
            // the start reply (when it allows eager start), saving a poll round trip per node.
            .setDisableEagerExecution(false)
            .build();
    NodeProvisioningWorkflow workflow =
        client.newWorkflowStub(NodeProvisioningWorkflow.class, options);
    try {
      return Optional.of(WorkflowClient.start(workflow::provision, input).getRunId());
    } catch (WorkflowExecutionAlreadyStarted closed) {
      return Optional.empty();
    }
  }
}
