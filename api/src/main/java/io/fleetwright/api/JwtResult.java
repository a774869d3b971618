package io.fleetwright.api;

import java.util.Objects;

/**
 * Reply of {@code choria_provision#jwt}.
 *
 * @param jwt the node's provisioning JWT, sealed: it embeds the provisioning token
 * @param ecdhPublic hex X25519 public key the node made for this provisioning; the node keeps the
 *     private half in memory only, so it is lost if the node restarts
 */
public record JwtResult(SealedSecret jwt, String ecdhPublic) {
  /** Validates the record. */
  public JwtResult {
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(ecdhPublic, "ecdhPublic");
  }
}
