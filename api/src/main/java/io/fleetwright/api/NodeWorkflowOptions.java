package io.fleetwright.api;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;

/** Start options that every starter of a node workflow (discovery, CLI, tests) must use. */
public final class NodeWorkflowOptions {
  /**
   * A node's workflow task timeout. The first task runs the helper and the node's read steps as
   * local activities; the SDK renews a task whose local activities run long at 80% of this, so the
   * longer it is, the more a slow helper or a starved worker can take before the server gives the
   * task up and a retry runs it all again. A worker killed mid-task costs its nodes this much delay
   * at most.
   */
  public static final Duration NODE_TASK_TIMEOUT = Duration.ofSeconds(30);

  private NodeWorkflowOptions() {}

  /**
   * Returns options for {@link NodeProvisioningWorkflow} of {@code input.identity()}: ID {@link
   * WorkflowIds#node}, the given task queue, summary {@link WorkflowSummaries#node} (with the site
   * and the discovery source), initial search attributes (state {@code DISCOVERED}, identity,
   * attempt 0, site), workflow task timeout {@link #NODE_TASK_TIMEOUT}, conflict policy {@code
   * USE_EXISTING} (a running workflow of the node is reused, so discovery sources never
   * double-provision) and reuse policy {@code ALLOW_DUPLICATE_FAILED_ONLY} (a node that failed or
   * was cancelled is provisioned again when rediscovered; one that was provisioned or shut down is
   * not).
   */
  public static WorkflowOptions forNode(ProvisionInput input, String taskQueue) {
    return forNode(input, taskQueue, NODE_TASK_TIMEOUT);
  }

  /** Like {@link #forNode(ProvisionInput, String)}, with another workflow task timeout. */
  public static WorkflowOptions forNode(
      ProvisionInput input, String taskQueue, Duration taskTimeout) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(SearchAttributeKeys.PROVISIONING_STATE, ProvisioningState.DISCOVERED.name())
            .set(SearchAttributeKeys.NODE_IDENTITY, input.identity())
            .set(SearchAttributeKeys.PROVISIONING_ATTEMPT, 0L);
    if (!input.site().isBlank()) {
      attributes.set(SearchAttributeKeys.SITE, input.site());
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.node(input.identity()))
        .setTaskQueue(taskQueue)
        .setWorkflowTaskTimeout(taskTimeout)
        .setStaticSummary(
            WorkflowSummaries.node(input.identity(), input.site(), input.discoveredBy()))
        .setTypedSearchAttributes(attributes.build())
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .build();
  }

  /** Returns options for {@link FleetControlWorkflow}: ID {@link WorkflowIds#CONTROL}, reused. */
  public static WorkflowOptions forControl(String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.CONTROL)
        .setTaskQueue(taskQueue)
        .setStaticSummary(WorkflowSummaries.CONTROL)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }
}
