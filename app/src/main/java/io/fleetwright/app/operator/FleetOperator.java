package io.fleetwright.app.operator;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.FleetControlState;
import io.fleetwright.api.FleetControlWorkflow;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.api.WorkflowSummaries;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an operator does to the fleet from the CLI: status, retry, cancel, pause, resume, list;
 * approve and reject through {@link #approvals()}.
 */
public final class FleetOperator {
  public static final String NODE_WORKFLOW_TYPE = "NodeProvisioningWorkflow";

  private final WorkflowClient client;
  private final String namespace;
  private final String taskQueue;

  public FleetOperator(WorkflowClient client, String namespace, String taskQueue) {
    this.client = client;
    this.namespace = namespace;
    this.taskQueue = taskQueue;
  }

  /** The Temporal client, for the operator commands that need more than this class offers. */
  WorkflowClient client() {
    return client;
  }

  /** Accepts an identity or a full workflow ID. */
  static String workflowId(String id) {
    return id.startsWith(WorkflowIds.NODE_PREFIX) ? id : WorkflowIds.node(id);
  }

  static String identity(String id) {
    return WorkflowIds.identityOf(workflowId(id)).orElse(id);
  }

  /**
   * A running node answers a query; a finished one cannot (no worker replays closed runs on
   * demand), so its status comes from the run's result or failure details.
   */
  public NodeStatus status(String id) {
    String workflowId = workflowId(id);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getWorkflowExecutionInfo().getStatus();
    } catch (WorkflowNotFoundException e) {
      throw new IllegalArgumentException(
          "no workflow "
              + workflowId
              + ": the node was never discovered; list nodes with"
              + " 'provisioner nodes'");
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return client.newWorkflowStub(NodeProvisioningWorkflow.class, workflowId).status();
    }
    ProvisionResult result = finalResult(stub, status);
    return new NodeStatus(
        result.identity(),
        "",
        result.state(),
        null,
        null,
        result.attempts(),
        null,
        result.message(),
        false,
        "",
        0,
        result.steps(),
        null,
        result.approval(),
        List.of());
  }

  private ProvisionResult finalResult(WorkflowStub stub, WorkflowExecutionStatus status) {
    try {
      return stub.getResult(ProvisionResult.class);
    } catch (WorkflowFailedException e) {
      Throwable cause = e.getCause();
      while (cause != null) {
        if (cause instanceof ApplicationFailure failure && failure.getDetails().getSize() > 0) {
          return failure.getDetails().get(ProvisionResult.class);
        }
        cause = cause.getCause();
      }
      String identity = identity(stub.getExecution().getWorkflowId());
      ProvisioningState state =
          status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
              ? ProvisioningState.CANCELLED
              : ProvisioningState.FAILED;
      return new ProvisionResult(
          identity,
          state,
          List.of(),
          null,
          null,
          0,
          List.of(),
          e.getCause() == null ? statusName(status) : e.getCause().getMessage());
    }
  }

  /**
   * What found the node (lifecycle, registration, broadcast or cli), as its workflow's static
   * summary says; empty for a run started before summaries named it, or no run at all.
   */
  Optional<String> discoveredBy(String id) {
    try {
      return WorkflowSummaries.source(
          client.newUntypedWorkflowStub(workflowId(id)).describe().getStaticSummary());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Wakes a deferred node now, or starts a FAILED, CANCELLED or REJECTED one again. */
  public String retry(String id, Function<String, ProvisionInput> inputs) {
    String workflowId = workflowId(id);
    WorkflowExecutionStatus status;
    try {
      status =
          client
              .newUntypedWorkflowStub(workflowId)
              .describe()
              .getWorkflowExecutionInfo()
              .getStatus();
    } catch (WorkflowNotFoundException e) {
      throw new IllegalArgumentException(
          "no workflow "
              + workflowId
              + ": the node was never discovered; check the identity with"
              + " 'provisioner nodes'");
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return client.newWorkflowStub(NodeProvisioningWorkflow.class, workflowId).retryNow();
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        && !rejected(workflowId)) {
      throw new IllegalStateException(
          identity(id)
              + " finished its last run successfully; nothing to retry (a node that comes"
              + " back in provisioning mode is provisioned again by discovery)");
    }
    ProvisionInput input = inputs.apply(identity(id));
    WorkflowOptions options =
        WorkflowOptions.newBuilder(NodeWorkflowOptions.forNode(input, taskQueue))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    NodeProvisioningWorkflow stub = client.newWorkflowStub(NodeProvisioningWorkflow.class, options);
    WorkflowExecution run = WorkflowClient.start(stub::provision, input);
    return identity(id)
        + ": its last run ended "
        + statusName(status)
        + "; started run "
        + run.getRunId();
  }

  private boolean rejected(String workflowId) {
    return ProvisioningState.REJECTED
        .name()
        .equals(
            client
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getTypedSearchAttributes()
                .get(SearchAttributeKeys.PROVISIONING_STATE));
  }

  /**
   * Asks a running node to cancel; a node whose last run already ended is refused with the state it
   * ended in, since a cancel request to a closed run changes nothing.
   */
  public String cancel(String id) {
    String workflowId = workflowId(id);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    io.temporal.client.WorkflowExecutionDescription described;
    try {
      described = stub.describe();
    } catch (WorkflowNotFoundException e) {
      throw new IllegalArgumentException(
          "no workflow "
              + workflowId
              + ": the node was never discovered; list nodes with 'provisioner nodes'");
    }
    WorkflowExecutionStatus status = described.getWorkflowExecutionInfo().getStatus();
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new IllegalStateException(
          identity(id)
              + " already ended in state "
              + endState(described, status)
              + " (workflow "
              + statusName(status)
              + "); nothing to cancel. 'provisioner status "
              + identity(id)
              + "' shows how it ended; 'provisioner retry' starts it again");
    }
    stub.cancel();
    return identity(id) + ": cancellation requested; it ends CANCELLED at its current step";
  }

  private static String endState(
      io.temporal.client.WorkflowExecutionDescription described, WorkflowExecutionStatus status) {
    String state = described.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE);
    return state != null ? state : statusName(status);
  }

  /** Approve and reject, for nodes whose helper asked for approval. */
  public NodeApprovals approvals() {
    return new NodeApprovals(client, this);
  }

  /** The fleet switch after a pause or resume, and how many running nodes were told. */
  record ControlOutcome(FleetControlState state, long signalled) {}

  /**
   * Flips the durable switch first, so nodes discovered from now on start paused, then signals
   * every running node; signals reach a node even while no worker runs.
   */
  ControlOutcome pause(ControlRequest request) {
    FleetControlState state = control(true, request);
    return new ControlOutcome(state, eachRunningNode(id -> signalNode(id, true, request.reason())));
  }

  ControlOutcome resume(ControlRequest request) {
    FleetControlState state = control(false, request);
    return new ControlOutcome(state, eachRunningNode(id -> signalNode(id, false, "")));
  }

  public Optional<FleetControlState> controlState() {
    try {
      return Optional.of(
          client.newWorkflowStub(FleetControlWorkflow.class, WorkflowIds.CONTROL).state());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private FleetControlState control(boolean pause, ControlRequest request) {
    FleetControlWorkflow stub =
        client.newWorkflowStub(
            FleetControlWorkflow.class, NodeWorkflowOptions.forControl(taskQueue));
    WithStartWorkflowOperation<FleetControlWorkflow> start =
        new WithStartWorkflowOperation<>(stub::control, FleetControlState.INITIAL);
    UpdateOptions<FleetControlState> options =
        UpdateOptions.<FleetControlState>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    return pause
        ? WorkflowClient.executeUpdateWithStart(stub::pause, request, options, start)
        : WorkflowClient.executeUpdateWithStart(stub::resume, request, options, start);
  }

  private boolean signalNode(String workflowId, boolean pause, String reason) {
    try {
      NodeProvisioningWorkflow node =
          client.newWorkflowStub(NodeProvisioningWorkflow.class, workflowId);
      if (pause) {
        node.pause(reason);
      } else {
        node.resume();
      }
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private long eachRunningNode(Function<String, Boolean> action) {
    try (Stream<WorkflowExecutionMetadata> running =
        client.listExecutions(
            "WorkflowType='" + NODE_WORKFLOW_TYPE + "' AND ExecutionStatus='Running'")) {
      return running.map(m -> m.getExecution().getWorkflowId()).filter(action::apply).count();
    }
  }

  /**
   * One entry per node from visibility: its latest run (by start time), optionally only nodes whose
   * latest run is in {@code state}; at most {@code limit} nodes, in visibility's order.
   */
  public List<WorkflowExecutionMetadata> nodes(Optional<ProvisioningState> state, int limit) {
    Map<String, WorkflowExecutionMetadata> latest = new LinkedHashMap<>();
    try (Stream<WorkflowExecutionMetadata> all =
        client.listExecutions(nodeQuery(Optional.empty()))) {
      for (java.util.Iterator<WorkflowExecutionMetadata> it = all.iterator(); it.hasNext(); ) {
        WorkflowExecutionMetadata m = it.next();
        latest.merge(
            m.getExecution().getWorkflowId(),
            m,
            (a, b) -> b.getStartTime().isAfter(a.getStartTime()) ? b : a);
      }
    }
    return latest.values().stream()
        .filter(
            m ->
                state.isEmpty()
                    || state
                        .get()
                        .name()
                        .equals(
                            m.getTypedSearchAttributes()
                                .get(SearchAttributeKeys.PROVISIONING_STATE)))
        .limit(limit)
        .toList();
  }

  /**
   * Counts node workflows by their ProvisioningState, from visibility. One count per state: SQL
   * visibility (the dev server's SQLite) groups only by ExecutionStatus.
   */
  public Map<String, Long> countsByState() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ProvisioningState s : ProvisioningState.values()) {
      counts.put(s.name(), count(nodeQuery(Optional.of(s))));
    }
    return counts;
  }

  public long count(String query) {
    CountWorkflowExecutionsResponse response =
        ThrottledCalls.call(
            "counting " + query + " in visibility",
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .countWorkflowExecutions(
                        CountWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(namespace)
                            .setQuery(query)
                            .build()));
    return response.getCount();
  }

  public static String nodeQuery(Optional<ProvisioningState> state) {
    return "WorkflowType='"
        + NODE_WORKFLOW_TYPE
        + "'"
        + state
            .map(
                s ->
                    " AND "
                        + SearchAttributeKeys.PROVISIONING_STATE.getName()
                        + "='"
                        + s.name()
                        + "'")
            .orElse("");
  }

  public static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
