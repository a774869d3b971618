package io.fleetwright.workflows;

import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.NodeChangeActivities;
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
    NodeChangeActivities changes,
    boolean localHelper,
    boolean checkpointBeforeChanges,
    boolean durableChanges,
    boolean lean,
    boolean foldedReads) {

  /** Change ID of the version that also runs the node RPCs as local activities. */
  static final String LOCAL_NODE_RPC = "local-node-rpc";

  /** Change ID of the version that also runs the helper as a local activity. */
  static final String LOCAL_HELPER = "local-helper";

  /**
   * Change ID of the version whose one marker stands for version 1 of {@link #LOCAL_NODE_RPC} and
   * version 3 of {@link #LOCAL_HELPER}, and whose resting upsert leaves out the search attributes
   * the start already set (see {@link NodeProgress#attributesSetAtStart}).
   */
  static final String LEAN_NODE = "lean-node";

  /**
   * Creates the stubs. With {@code local} the CPU-only credential activities run as local
   * activities (one marker event each instead of three events and a workflow task), and so do the
   * node RPCs in runs started since version 1 of {@link #LOCAL_NODE_RPC}: a node's short RPCs then
   * share workflow tasks. Since version 1 of {@link #LOCAL_HELPER} the helper is a local activity
   * too, so a provisioned node needs no activity task, which roughly halves the server's work per
   * node. Only the end of a workflow task records its local activities, so since version 2 a run
   * ends its task with a 1 ms timer before it changes the node (configure or shutdown): a worker
   * killed after that point replays inventory, CSR and the helper's answer from history instead of
   * asking a node that has already left provisioning mode (which failed 21 of 2,000 nodes in the
   * worker-kill chaos test), and the helper is never asked twice for one configure. Such runs
   * upsert their search attributes only when they come to rest (see {@link
   * NodeProgress#batchUpserts}). Since version 3 the steps that change the node are regular
   * activities ({@link NodeChangeActivities}) instead: scheduling one ends the workflow task and
   * records every local activity before it, so the checkpoint is gone, and a timed-out workflow
   * task can no longer run {@code configure} or {@code restart} a second time
   * (docs/exactly-once.md). Since version 1 of {@link #LEAN_NODE} a run records that one marker
   * instead of the two above, one event and one payload less per node; histories without it replay
   * through the two older markers as before. Since version 2 of {@link #LEAN_NODE} the first
   * attempt of a PKI run reads inventory and the checked CSR in one local activity ({@link
   * #foldedReads}): one marker less, 15 events for a provisioned PKI node instead of 16. Runs
   * without PKI record the same events as in version 1.
   */
  static Stubs create(boolean local) {
    CredentialActivities credentials =
        local
            ? Workflow.newLocalActivityStub(CredentialActivities.class)
            : Workflow.newActivityStub(CredentialActivities.class);
    int lean = local ? Workflow.getVersion(LEAN_NODE, Workflow.DEFAULT_VERSION, 2) : -1;
    if (lean >= 1) {
      return new Stubs(
          Workflow.newLocalActivityStub(NodeRpcActivities.class),
          credentials,
          Workflow.newLocalActivityStub(HelperActivities.class),
          Workflow.newActivityStub(NodeChangeActivities.class),
          true,
          false,
          true,
          true,
          lean >= 2);
    }
    boolean localRpc =
        local && Workflow.getVersion(LOCAL_NODE_RPC, Workflow.DEFAULT_VERSION, 1) >= 1;
    NodeRpcActivities rpc =
        localRpc
            ? Workflow.newLocalActivityStub(NodeRpcActivities.class)
            : Workflow.newActivityStub(NodeRpcActivities.class);
    int helperVersion =
        localRpc
            ? Workflow.getVersion(LOCAL_HELPER, Workflow.DEFAULT_VERSION, 3)
            : Workflow.DEFAULT_VERSION;
    boolean localHelper = helperVersion >= 1;
    HelperActivities helper =
        localHelper
            ? Workflow.newLocalActivityStub(HelperActivities.class)
            : Workflow.newActivityStub(HelperActivities.class);
    return new Stubs(
        rpc,
        credentials,
        helper,
        Workflow.newActivityStub(NodeChangeActivities.class),
        localHelper,
        helperVersion == 2,
        helperVersion >= 3,
        false,
        false);
  }
}
