package io.fleetwright.activities;

import io.fleetwright.api.ConfigureInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code choria_provision#configure} inputs, as the Go provisioner sends them. */
final class ConfigureBody {
  private ConfigureBody() {}

  static Map<String, Object> of(ConfigureInput in) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("config", NodeCalls.json(new TreeMap<>(in.configuration())));
    data.put("certificate", orEmpty(in.certificate()));
    data.put("ca", orEmpty(in.ca()));
    data.put("ssldir", orEmpty(in.sslDir()));
    data.put("key", in.key() == null ? "" : in.key().encryptedPem());
    data.put("ecdh_public", in.key() == null ? "" : in.key().provisionerEcdhPublic());
    data.put("server_jwt", orEmpty(in.serverJwt()));
    data.put("action_policies", in.actionPolicies());
    data.put("opa_policies", in.opaPolicies());
    return data;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
