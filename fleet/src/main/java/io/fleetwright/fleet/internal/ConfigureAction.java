package io.fleetwright.fleet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.protocol.ProvisionRequest.Configure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** {@code choria_provision#configure}, step by step as the real agent does it. */
final class ConfigureAction {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigureAction() {}

  static ActionResult configure(EmulatedNode node, ActionCall call, RequestData data)
      throws RequestData.InvalidData {
    if (!node.inProvisioning()) {
      return ActionResult.aborted(ProvisionAgent.NOT_PROVISIONING);
    }
    Configure in = data.read(Configure::from);
    if (!ProvisionAgent.tokenOk(node, in.token())) {
      return ActionResult.aborted(ProvisionAgent.BAD_TOKEN);
    }
    if (in.config().isEmpty()) {
      return ActionResult.aborted(
          "Did not receive any configuration to write, cannot write a empty configuration file");
    }
    if (!in.key().isEmpty() && in.ecdhPublic().isEmpty()) {
      return ActionResult.aborted("EDCH Public Key not supplied while providing a private key");
    }
    Map<String, String> settings;
    try {
      settings = settings(in.config());
    } catch (IllegalArgumentException e) {
      return ActionResult.aborted("Could not decode configuration data: " + e.getMessage());
    }
    // Like the real agent, a configuration without plugin.choria.server.provision=false is written;
    // the node then comes back in provisioning mode after its restart (see RestartActions).
    return store(node, call, in, settings);
  }

  private static ActionResult store(
      EmulatedNode node, ActionCall call, Configure in, Map<String, String> settings) {
    Optional<String> tls = writeTls(node, in);
    if (tls.isPresent()) {
      return ActionResult.aborted("TLS Setup Failed: " + tls.get());
    }
    if (!in.serverJwt().isEmpty()) {
      node.serverJwt = in.serverJwt();
    }
    Optional<String> problem = ServerConfig.problem(settings);
    if (problem.isPresent()) {
      return ActionResult.aborted(
          "Could not write config: generated configuration could not be parsed: " + problem.get());
    }
    node.configuration = Map.copyOf(settings);
    Optional<String> bad = badName(in.actionPolicies(), ".policy");
    if (bad.isPresent()) {
      return ActionResult.aborted("Could not save Action Policies: " + bad.get());
    }
    if (!in.actionPolicies().isEmpty()) {
      node.actionPolicies = nonEmpty(in.actionPolicies());
    }
    bad = badName(in.opaPolicies(), ".rego");
    if (bad.isPresent()) {
      return ActionResult.aborted("Could not save Open Policy Agent Policies: " + bad.get());
    }
    if (!in.opaPolicies().isEmpty()) {
      node.opaPolicies = nonEmpty(in.opaPolicies());
    }
    node.recordConfigure(settings);
    node.host().announce(node, "provisioned");
    return ActionResult.message(
        "Wrote " + (settings.size() + 1) + " lines to " + node.settings().configFile());
  }

  /** Parses the {@code config} string: a JSON object whose every value is a string. */
  static Map<String, String> settings(String config) {
    JsonNode root;
    try {
      root = JSON.readTree(config);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "config must be a JSON object of strings, got "
              + (root == null ? "nothing" : root.getNodeType()));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(
            "config value of "
                + e.getKey()
                + " must be a string, got "
                + e.getValue().getNodeType()
                + " "
                + e.getValue()
                + " (write \""
                + e.getValue().asText()
                + "\")");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Optional<String> writeTls(EmulatedNode node, Configure in) {
    if (in.certificate().isEmpty() || in.ssldir().isEmpty() || in.ca().isEmpty()) {
      return Optional.empty();
    }
    node.ssldir = in.ssldir();
    node.certificate = in.certificate();
    node.ca = in.ca();
    if (in.key().isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] der = decryptKey(node.ecdhKey, in.key(), in.ecdhPublic());
      node.rememberSecret(der, false);
      node.deliveredKey = Pem.encode("RSA PRIVATE KEY", der);
      return Optional.empty();
    } catch (LegacyPem.PemException | IllegalArgumentException | IllegalStateException e) {
      return Optional.of("could not decrypt private key: " + e.getMessage());
    }
  }

  static byte[] decryptKey(X25519PrivateKeyParameters ecdh, String key, String provisionerPublic)
      throws LegacyPem.PemException {
    if (ecdh == null) {
      throw new IllegalStateException("private key not set (call choria_provision#jwt first)");
    }
    byte[] secret = EdKeys.sharedSecret(ecdh, Hex.decode(provisionerPublic));
    return LegacyPem.decrypt(LegacyPem.parse(key), secret);
  }

  private static Optional<String> badName(Map<String, String> policies, String suffix) {
    return policies.keySet().stream()
        .filter(name -> !name.endsWith(suffix))
        .findFirst()
        .map(name -> "expected \"" + name + "\" to have " + suffix + " extension");
  }

  private static Map<String, String> nonEmpty(Map<String, String> policies) {
    Map<String, String> out = new LinkedHashMap<>();
    policies.forEach(
        (name, text) -> {
          if (!name.isEmpty() && !text.isEmpty()) {
            out.put(name, text);
          }
        });
    return Map.copyOf(out);
  }
}
