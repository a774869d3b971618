package io.fleetwright.app.operator;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.ProvisioningState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Approves or rejects nodes whose helper asked for approval, through the node's updates. */
public final class NodeApprovals {
  /** What one node's approve or reject came to; {@code message} is the one line to print. */
  public record Outcome(String identity, boolean applied, String message) {}

  private final WorkflowClient client;
  private final FleetOperator operator;

  NodeApprovals(WorkflowClient client, FleetOperator operator) {
    this.client = client;
    this.operator = operator;
  }

  /** Approves each node: it is configured with the reply its helper gave. */
  public List<Outcome> approve(List<String> ids, ControlRequest request) {
    return each(ids, true, request);
  }

  /** Rejects each node: it ends REJECTED and discovery leaves it alone until {@code retry}. */
  public List<Outcome> reject(List<String> ids, ControlRequest request) {
    return each(ids, false, request);
  }

  /**
   * The identities of the nodes that visibility lists as awaiting approval, at most {@code limit}.
   */
  public List<String> waiting(int limit) {
    return operator.nodes(Optional.of(ProvisioningState.AWAITING_APPROVAL), limit).stream()
        .filter(
            m ->
                m.getStatus()
                    == io.temporal.api.enums.v1.WorkflowExecutionStatus
                        .WORKFLOW_EXECUTION_STATUS_RUNNING)
        .map(WorkflowExecutionMetadata::getExecution)
        .map(e -> FleetOperator.identity(e.getWorkflowId()))
        .toList();
  }

  private List<Outcome> each(List<String> ids, boolean approve, ControlRequest request) {
    List<Outcome> outcomes = new ArrayList<>();
    for (String id : ids) {
      outcomes.add(one(id, approve, request));
    }
    return outcomes;
  }

  private Outcome one(String id, boolean approve, ControlRequest request) {
    String identity = FleetOperator.identity(id);
    String workflowId = FleetOperator.workflowId(id);
    NodeProvisioningWorkflow node =
        client.newWorkflowStub(NodeProvisioningWorkflow.class, workflowId);
    try {
      String answer = approve ? node.approveNow(request) : node.rejectNow(request);
      return new Outcome(identity, true, answer);
    } catch (WorkflowNotFoundException e) {
      return new Outcome(
          identity,
          false,
          "no running workflow %s to %s; see 'provisioner status %s'"
              .formatted(workflowId, approve ? "approve" : "reject", identity));
    } catch (WorkflowUpdateException e) {
      String why =
          e.getCause() instanceof ApplicationFailure failure
              ? failure.getOriginalMessage()
              : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      return new Outcome(identity, false, why);
    }
  }
}
