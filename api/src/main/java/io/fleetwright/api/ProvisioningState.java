package io.fleetwright.api;

/**
 * Where a node is in its provisioning. The names are values of the {@code ProvisioningState} search
 * attribute and of the CLI's {@code nodes --state}; never rename them.
 *
 * <p>The JWT and ed25519 steps run before the inventory and report {@link #INVENTORY}: together
 * they are "learning about the node". See {@link ProvisioningStep#state()} for the full mapping.
 */
public enum ProvisioningState {
  /** The workflow has started and no step has run yet. */
  DISCOVERED,
  /** Fetching the node's JWT, ed25519 key or inventory. */
  INVENTORY,
  /** Requesting and validating the node's certificate signing request. */
  CSR,
  /** Running the user's helper. */
  HELPER,
  /** The helper deferred the node; a durable timer will retry it. */
  DEFERRED,
  /** The helper asked an operator to approve the node before it is configured. */
  AWAITING_APPROVAL,
  /** Signing, encrypting and sending the configuration to the node. */
  CONFIGURING,
  /** Asking the node to restart into its new configuration. */
  RESTARTING,
  /** Terminal: the node was configured and restarted. */
  PROVISIONED,
  /**
   * Provisioned, and waiting (with {@code renewal} on) until shortly before its credentials expire;
   * then it is put back into provisioning mode and provisioned again. Not terminal.
   */
  RENEWAL_WAIT,
  /** Putting a provisioned node back into provisioning mode and waiting for it to come back. */
  REPROVISIONING,
  /** Terminal (once the shutdown RPC succeeded): the helper asked to shut the node down. */
  SHUT_DOWN,
  /**
   * Terminal: an operator rejected the node its helper asked approval for. The run completes (it
   * did what it was told) and discovery does not start the node again; {@code retry} does.
   */
  REJECTED,
  /** Terminal: a permanent error, exhausted retries or too many deferrals. */
  FAILED,
  /** Terminal: an operator cancelled the workflow. */
  CANCELLED;

  /** Returns whether no further step will run in this workflow run. */
  public boolean terminal() {
    return this == PROVISIONED
        || this == SHUT_DOWN
        || this == REJECTED
        || this == FAILED
        || this == CANCELLED;
  }
}
