package io.fleetwright.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link CredentialActivities#signServerJwt}: what the Go provisioner uses to issue a
 * node's server JWT (feature {@code ed25519}).
 *
 * @param identity the node
 * @param ed25519PublicKey the node's verified ed25519 public key, hex
 * @param serverClaimsJson the helper's {@code server_claims} object as JSON, or {@code null}
 * @param configuration the helper's configuration, from which {@code collectives} and {@code
 *     plugin.security.provider} pick the default collectives
 */
public record ServerJwtInput(
    String identity,
    String ed25519PublicKey,
    @Nullable String serverClaimsJson,
    Map<String, String> configuration) {
  /** Validates and copies. */
  public ServerJwtInput {
    Checks.identity(identity);
    Objects.requireNonNull(ed25519PublicKey, "ed25519PublicKey");
    configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
  }
}
