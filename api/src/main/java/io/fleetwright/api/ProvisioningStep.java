package io.fleetwright.api;

/**
 * One step of a node's provisioning, in the order the Go provisioner's {@code Provision()} runs
 * them. Each step reports a {@link ProvisioningState}.
 */
public enum ProvisioningStep {
  /** {@code choria_provision#jwt} then JWT verification (feature {@code jwt}). */
  JWT(ProvisioningState.INVENTORY),
  /** {@code choria_provision#gen25519} then nonce signature check (feature {@code ed25519}). */
  ED25519(ProvisioningState.INVENTORY),
  /** {@code rpcutil#inventory}. */
  INVENTORY(ProvisioningState.INVENTORY),
  /** {@code choria_provision#gencsr} then CSR validation (feature {@code pki}). */
  CSR(ProvisioningState.CSR),
  /**
   * {@code rpcutil#inventory}, then {@code choria_provision#gencsr} and CSR validation, as one
   * activity: the first attempt of a PKI run since version 2 of the {@code lean-node} change.
   */
  INVENTORY_AND_CSR(ProvisioningState.INVENTORY),
  /** Running the helper. */
  HELPER(ProvisioningState.HELPER),
  /** Waiting on the defer timer (or a {@code retryNow} update). */
  DEFER_WAIT(ProvisioningState.DEFERRED),
  /** Waiting for an operator to approve or reject what the helper answered. */
  APPROVAL_WAIT(ProvisioningState.AWAITING_APPROVAL),
  /** Signing the node's CSR with the built-in CA, when the helper asked for it. */
  SIGN_CSR(ProvisioningState.CONFIGURING),
  /** ECDH-encrypting the helper's private key for the node. */
  ENCRYPT_KEY(ProvisioningState.CONFIGURING),
  /** Issuing the node's server JWT (feature {@code ed25519}). */
  SIGN_SERVER_JWT(ProvisioningState.CONFIGURING),
  /** {@code choria_provision#configure}. */
  CONFIGURE(ProvisioningState.CONFIGURING),
  /** {@code choria_provision#restart}. */
  RESTART(ProvisioningState.RESTARTING),
  /**
   * {@code choria_provision#configure} then {@code #restart}, as one activity that runs at most
   * once per helper decision (runs since version 3 of the {@code local-helper} change).
   */
  CONFIGURE_AND_RESTART(ProvisioningState.CONFIGURING),
  /** {@code choria_provision#shutdown}, when the helper asked for it. */
  SHUTDOWN(ProvisioningState.SHUT_DOWN),
  /** Sleeping on a durable timer until shortly before the node's credentials expire. */
  RENEWAL_WAIT(ProvisioningState.RENEWAL_WAIT),
  /**
   * {@code choria_provision#reprovision} in the main collective, then waiting for the node to
   * announce itself in provisioning mode.
   */
  REPROVISION(ProvisioningState.REPROVISIONING),

  /** {@code choria_provision#release_update}: the helper asked for another Choria version. */
  UPGRADE(ProvisioningState.CONFIGURING),

  /** Waiting for the upgraded node to come back in provisioning mode on the new version. */
  UPGRADE_WAIT(ProvisioningState.RESTARTING);

  private final ProvisioningState state;

  ProvisioningStep(ProvisioningState state) {
    this.state = state;
  }

  /** Returns the state a node reports while this step runs. */
  public ProvisioningState state() {
    return state;
  }
}
