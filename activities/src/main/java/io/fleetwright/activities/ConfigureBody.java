package io.fleetwright.activities;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.protocol.ProvisionRequest;
import java.util.TreeMap;

/** The {@code choria_provision#configure} inputs, as the Go provisioner sends them. */
final class ConfigureBody {
  private ConfigureBody() {}

  static ProvisionRequest.Configure of(ConfigureInput in, String token) {
    return new ProvisionRequest.Configure(
        token,
        NodeCalls.json(new TreeMap<>(in.configuration())),
        in.key() == null ? "" : in.key().encryptedPem(),
        in.certificate(),
        in.ca(),
        in.sslDir(),
        in.key() == null ? "" : in.key().provisionerEcdhPublic(),
        in.serverJwt(),
        in.actionPolicies(),
        in.opaPolicies());
  }
}
