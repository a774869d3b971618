package io.fleetwright.workflows;

import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.HelperInput;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.JwtClaims;
import io.fleetwright.api.JwtResult;
import org.jspecify.annotations.Nullable;

/** What one provisioning attempt learnt about the node before asking the helper. */
record NodeFacts(
    String identity,
    @Nullable JwtResult jwt,
    @Nullable JwtClaims claims,
    @Nullable Ed25519Result ed25519,
    @Nullable InventoryResult inventory,
    @Nullable CsrResult csr) {

  static NodeFacts none(String identity) {
    return new NodeFacts(identity, null, null, null, null, null);
  }

  NodeFacts withJwt(JwtResult result, JwtClaims verified) {
    return new NodeFacts(identity, result, verified, ed25519, inventory, csr);
  }

  NodeFacts withEd25519(Ed25519Result result) {
    return new NodeFacts(identity, jwt, claims, result, inventory, csr);
  }

  NodeFacts withInventory(InventoryResult result) {
    return new NodeFacts(identity, jwt, claims, ed25519, result, csr);
  }

  NodeFacts withCsr(CsrResult result) {
    return new NodeFacts(identity, jwt, claims, ed25519, inventory, result);
  }

  HelperInput helperInput() {
    return new HelperInput(
        identity,
        csr,
        ed25519,
        inventory == null ? "" : inventory.inventoryJson(),
        claims == null ? null : claims.json());
  }
}
