package io.fleetwright.api;

import java.util.Objects;

/**
 * The verified claims of a node's provisioning JWT, as the helper receives them in {@code jwt}.
 *
 * @param json the claims as a JSON object; the implementation replaces the values of secret claims
 *     ({@code cht}, the provisioning token, and {@code chpwd}, a broker password) with {@code
 *     "[redacted]"} because this text is stored in workflow history and passed to helpers
 */
public record JwtClaims(String json) {
  /** Validates the record. */
  public JwtClaims {
    Objects.requireNonNull(json, "json");
  }
}
