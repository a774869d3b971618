package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;

/**
 * Choria RPCs to one node in provisioning mode, each a directed request to {@code
 * provisioning.node.<identity>}. Implementations add the provisioning token from their own
 * configuration, heartbeat while waiting for a reply, and map errors to {@link FailureTypes}.
 */
@ActivityInterface
public interface NodeRpcActivities {
  /** {@code choria_provision#jwt}: the node's provisioning JWT, sealed, and its ECDH key. */
  JwtResult fetchJwt(String identity);

  /**
   * {@code choria_provision#gen25519}: the node makes an ed25519 key and signs {@code nonce}.
   *
   * @param nonce 32 hex characters
   */
  Ed25519Result generateEd25519(String identity, String nonce);

  /** {@code rpcutil#inventory}. */
  InventoryResult fetchInventory(String identity);

  /** {@code choria_provision#gencsr} with {@code cn} = identity. */
  CsrResult requestCsr(String identity);

  /**
   * {@link #requestCsr}, then the checks of {@link CredentialActivities#validateCsr} on the CSR the
   * node returned, in one activity: one marker in history instead of two, and the CSR recorded once
   * instead of twice (node workflows since version 1 of {@code lean-node}). A CSR that fails the
   * checks fails this activity the way {@code validateCsr} would.
   */
  CsrResult requestCheckedCsr(String identity);

  /**
   * {@link #fetchInventory}, then {@link #requestCheckedCsr}, in one activity: the first attempt of
   * a PKI run needs both, and one marker in history stands for the two (node workflows since
   * version 2 of {@code lean-node}). Both are reads of the node (docs/exactly-once.md), so a retry
   * of the whole is safe; a CSR that fails the checks fails it as {@code requestCheckedCsr} would.
   */
  NodeReads fetchInventoryAndCheckedCsr(String identity);

  /** {@code choria_provision#configure}. */
  ConfigureResult configure(ConfigureInput input);

  /** {@code choria_provision#restart} with splay 1; returns the node's message. */
  String restart(String identity);

  /** {@code choria_provision#shutdown}; returns the node's message. */
  String shutdown(String identity);
}
