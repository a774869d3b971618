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

  /**
   * Creates the stubs; with {@code localCredentials} the CPU-only credential activities run as
   * local activities (one marker event each instead of three events and a workflow task).
   */
  static Stubs create(boolean localCredentials) {
    CredentialActivities credentials =
        localCredentials
            ? Workflow.newLocalActivityStub(CredentialActivities.class)
            : Workflow.newActivityStub(CredentialActivities.class);
    return new Stubs(
        Workflow.newActivityStub(NodeRpcActivities.class),
        credentials,
        Workflow.newActivityStub(HelperActivities.class));
  }
}
