package io.fleetwright.api;

import java.util.Map;
import java.util.Objects;

/**
 * Reply of {@code rpcutil#inventory}.
 *
 * @param inventoryJson the reply {@code data} after the DDL output defaults, re-serialised with
 *     keys sorted: exactly what the helper receives as {@code inventory}
 * @param version the Choria server version
 * @param upgradable whether the server can upgrade itself
 * @param facts the top-level facts whose values are scalars, as strings (nested facts are only in
 *     {@code inventoryJson}); kept small because it is stored in history
 */
public record InventoryResult(
    String inventoryJson, String version, boolean upgradable, Map<String, String> facts) {
  /** Validates and copies. */
  public InventoryResult {
    Objects.requireNonNull(inventoryJson, "inventoryJson");
    version = Checks.orEmpty(version);
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }
}
