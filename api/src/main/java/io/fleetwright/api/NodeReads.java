package io.fleetwright.api;

import java.util.Objects;

/**
 * What {@link NodeRpcActivities#fetchInventoryAndCheckedCsr} read from a node in one activity.
 *
 * @param inventory the reply of {@code rpcutil#inventory}
 * @param csr the node's CSR, already checked
 */
public record NodeReads(InventoryResult inventory, CsrResult csr) {
  /** Validates the record. */
  public NodeReads {
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(csr, "csr");
  }
}
