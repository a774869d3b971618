package io.fleetwright.workflows;

import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.NodeRpcActivities;
import io.temporal.workflow.Workflow;

/**
 * Activity stubs of one node workflow. Their options come from the {@code
 * WorkflowImplementationOptions} built by {@link ProvisioningActivityOptions}, never from here.
 */
record Stubs(
    NodeRpcActivities rpc,
    CredentialActivities credentials,
    HelperActivities helper,
    boolean localHelper) {

  /** Change ID of the version that also runs the node RPCs as local activities. */
  static final String LOCAL_NODE_RPC = "local-node-rpc";

  /** Change ID of the version that also runs the helper as a local activity. */
  static final String LOCAL_HELPER = "local-helper";

  /**
   * Creates the stubs. With {@code local} the CPU-only credential activities run as local
   * activities (one marker event each instead of three events and a workflow task), and so do the
   * node RPCs in runs started since version 1 of {@link #LOCAL_NODE_RPC}: a node's short RPCs then
   * share workflow tasks. Since version 1 of {@link #LOCAL_HELPER} the helper is a local activity
   * too, so a provisioned node takes one workflow task and no activity task, which roughly halves
   * the server's work per node. The cost: if a worker dies after configure but before its task
   * completes, the next worker runs the helper again and configures the node with that answer,
   * which is the one the history keeps. The RPCs have had this window since {@link
   * #LOCAL_NODE_RPC}: only the end of a task records its local activities. For the same reason such
   * runs upsert their search attributes only when they come to rest (see {@link
   * NodeProgress#batchUpserts}): the steps' upserts would reach the server together anyway.
   */
  static Stubs create(boolean local) {
    CredentialActivities credentials =
        local
            ? Workflow.newLocalActivityStub(CredentialActivities.class)
            : Workflow.newActivityStub(CredentialActivities.class);
    boolean localRpc =
        local && Workflow.getVersion(LOCAL_NODE_RPC, Workflow.DEFAULT_VERSION, 1) >= 1;
    NodeRpcActivities rpc =
        localRpc
            ? Workflow.newLocalActivityStub(NodeRpcActivities.class)
            : Workflow.newActivityStub(NodeRpcActivities.class);
    boolean localHelper =
        localRpc && Workflow.getVersion(LOCAL_HELPER, Workflow.DEFAULT_VERSION, 1) >= 1;
    HelperActivities helper =
        localHelper
            ? Workflow.newLocalActivityStub(HelperActivities.class)
            : Workflow.newActivityStub(HelperActivities.class);
    return new Stubs(rpc, credentials, helper, localHelper);
  }
}
