package io.fleetwright.activities;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.ConfigureResult;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.NodeRpcActivities;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Choria RPCs of the provisioning flow. Adds the provisioning token, heartbeats while it waits,
 * and maps the node's answers to {@link FailureTypes}. {@code configure}, {@code restart} and
 * {@code shutdown} serve runs started before the steps that change a node moved to {@link
 * NodeChangeActivitiesImpl}.
 */
public final class NodeRpcActivitiesImpl implements NodeRpcActivities {
  private final NodeCalls calls;
  private final SecretSealer sealer;
  private final ActivityMetrics metrics;

  /**
   * Creates the activities.
   *
   * @param rpc the RPC client
   * @param token the provisioning token sent with every {@code choria_provision} call
   * @param sealer seals the node's JWT (it embeds the token) before it enters workflow history
   * @param metrics where RPC durations and errors are counted
   */
  public NodeRpcActivitiesImpl(
      NodeRpc rpc, String token, SecretSealer sealer, ActivityMetrics metrics) {
    this.calls =
        new NodeCalls(
            (identity, agent, action, data, timeout, validUntil) ->
                rpc.call(identity, agent, action, data, timeout),
            token,
            metrics);
    this.sealer = sealer;
    this.metrics = metrics;
  }

  @Override
  public JwtResult fetchJwt(String identity) {
    Map<String, Object> data = calls.provision(identity, "jwt", Map.of(), null);
    return new JwtResult(
        sealer.seal(NodeCalls.string(identity, "jwt", data, "jwt")),
        NodeCalls.string(identity, "jwt", data, "ecdh_public"));
  }

  @Override
  public Ed25519Result generateEd25519(String identity, String nonce) {
    Map<String, Object> data = calls.provision(identity, "gen25519", Map.of("nonce", nonce), null);
    return new Ed25519Result(
        NodeCalls.string(identity, "gen25519", data, "public_key"),
        NodeCalls.string(identity, "gen25519", data, "directory"),
        NodeCalls.string(identity, "gen25519", data, "signature"));
  }

  @Override
  public InventoryResult fetchInventory(String identity) {
    Map<String, Object> data =
        calls.call(identity, "rpcutil", "inventory", Map.of(), NodeCalls.RPCUTIL_TIMEOUT);
    Map<String, String> facts = new TreeMap<>();
    if (data.get("facts") instanceof Map<?, ?> raw) {
      raw.forEach(
          (k, v) -> facts.put(String.valueOf(k), v instanceof String s ? s : NodeCalls.json(v)));
    }
    Object version = data.get("version");
    return new InventoryResult(
        NodeCalls.json(data),
        version == null ? "" : version.toString(),
        Boolean.TRUE.equals(data.get("upgradable")),
        facts);
  }

  @Override
  public CsrResult requestCsr(String identity) {
    Map<String, Object> data = calls.provision(identity, "gencsr", Map.of("cn", identity), null);
    return new CsrResult(
        NodeCalls.string(identity, "gencsr", data, "csr"),
        NodeCalls.optional(data, "public_key"),
        NodeCalls.optional(data, "ssldir"));
  }

  @Override
  public ConfigureResult configure(ConfigureInput in) {
    Map<String, Object> data =
        calls.provision(in.identity(), "configure", ConfigureBody.of(in), null);
    return new ConfigureResult(NodeCalls.optional(data, "message"));
  }

  @Override
  public String restart(String identity) {
    Map<String, Object> data = calls.provision(identity, "restart", Map.of("splay", 1), null);
    metrics.provisioned();
    return NodeCalls.optional(data, "message");
  }

  @Override
  public String shutdown(String identity) {
    return NodeCalls.optional(calls.provision(identity, "shutdown", Map.of(), null), "message");
  }
}
