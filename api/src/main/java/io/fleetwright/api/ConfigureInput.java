package io.fleetwright.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@link NodeRpcActivities#configure}: every {@code choria_provision#configure} input
 * except the token, which the implementation adds from its configuration. Absent optional values
 * are sent as empty strings or objects, as the Go provisioner does.
 *
 * @param identity the node
 * @param configuration server settings, string to string
 * @param certificate PEM certificate, or {@code null}
 * @param ca PEM CA chain, or {@code null}
 * @param sslDir where the node writes them, or {@code null}
 * @param key the helper's private key encrypted for this node, or {@code null}
 * @param serverJwt the signed server JWT (feature {@code ed25519}), or {@code null}
 * @param actionPolicies file name ({@code *.policy}) to policy text
 * @param opaPolicies file name ({@code *.rego}) to policy text
 */
public record ConfigureInput(
    String identity,
    Map<String, String> configuration,
    @Nullable String certificate,
    @Nullable String ca,
    @Nullable String sslDir,
    @Nullable EncryptedKey key,
    @Nullable String serverJwt,
    Map<String, String> actionPolicies,
    Map<String, String> opaPolicies) {
  /** Validates and copies. */
  public ConfigureInput {
    Checks.identity(identity);
    Objects.requireNonNull(configuration, "configuration");
    configuration = Map.copyOf(configuration);
    actionPolicies = actionPolicies == null ? Map.of() : Map.copyOf(actionPolicies);
    opaPolicies = opaPolicies == null ? Map.of() : Map.copyOf(opaPolicies);
  }
}
