package io.fleetwright.workflows;

import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.NodeRpcActivities;
import io.temporal.workflow.Workflow;

/**
 * Activity stubs of one node workflow. Their options come from the {@code
 * WorkflowImplementationOptions} built by {@link ProvisioningActivityOptions}, never from here.
 */
record Stubs(NodeRpcActivities rpc, CredentialActivities credentials, HelperActivities helper) {

  /** Change ID of the version that also runs the node RPCs as local activities. */
  static final String LOCAL_NODE_RPC = "local-node-rpc";

  /**
   * Creates the stubs. With {@code local} the CPU-only credential activities run as local
   * activities (one marker event each instead of three events and a workflow task), and so do the
   * node RPCs in runs started since version 1 of {@link #LOCAL_NODE_RPC}: a node's short RPCs then
   * share workflow tasks. The helper stays a normal activity, so its decision is recorded before
   * configure runs and a worker crash cannot configure a node twice with different answers.
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
    return new Stubs(rpc, credentials, Workflow.newActivityStub(HelperActivities.class));
  }
}
