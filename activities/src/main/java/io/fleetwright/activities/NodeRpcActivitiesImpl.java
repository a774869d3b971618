package io.fleetwright.activities;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.ConfigureResult;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.NodeReads;
import io.fleetwright.api.NodeRpcActivities;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.credentials.CsrChecks;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.protocol.ProvisionReply;
import io.fleetwright.protocol.ProvisionRequest;
import java.util.List;
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
  private final String token;
  private final SecretSealer sealer;
  private final ActivityMetrics metrics;
  private final CsrChecks csrChecks;

  /**
   * Creates the activities; {@link #requestCheckedCsr} checks CSRs with an empty {@code
   * cert_deny_list}.
   *
   * @param rpc the RPC client
   * @param token the provisioning token sent with every {@code choria_provision} call
   * @param sealer seals the node's JWT (it embeds the token) before it enters workflow history
   * @param metrics where RPC durations and errors are counted
   */
  public NodeRpcActivitiesImpl(
      NodeRpc rpc, String token, SecretSealer sealer, ActivityMetrics metrics) {
    this(rpc, token, sealer, metrics, List.of());
  }

  /**
   * Creates the activities.
   *
   * @param rpc the RPC client
   * @param token the provisioning token sent with every {@code choria_provision} call
   * @param sealer seals the node's JWT (it embeds the token) before it enters workflow history
   * @param metrics where RPC durations and errors are counted
   * @param certDenyList regexes that CSR names may not match, as for {@code validateCsr}
   */
  public NodeRpcActivitiesImpl(
      NodeRpc rpc,
      String token,
      SecretSealer sealer,
      ActivityMetrics metrics,
      List<String> certDenyList) {
    this.csrChecks = new CsrChecks(certDenyList);
    this.calls =
        new NodeCalls(
            (identity, agent, action, data, timeout, validUntil) ->
                rpc.call(identity, agent, action, data, timeout),
            metrics);
    this.token = token;
    this.sealer = sealer;
    this.metrics = metrics;
  }

  @Override
  public JwtResult fetchJwt(String identity) {
    Map<String, Object> data = calls.provision(identity, new ProvisionRequest.Jwt(token), null);
    ProvisionReply.Jwt reply = NodeCalls.read(identity, "jwt", data, ProvisionReply.Jwt::from);
    return new JwtResult(new SealedSecret(sealer.seal(reply.jwt())), reply.ecdhPublic());
  }

  @Override
  public Ed25519Result generateEd25519(String identity, String nonce) {
    Map<String, Object> data =
        calls.provision(identity, new ProvisionRequest.Gen25519(token, nonce), null);
    ProvisionReply.Gen25519 reply =
        NodeCalls.read(identity, "gen25519", data, ProvisionReply.Gen25519::from);
    return new Ed25519Result(reply.publicKey(), reply.directory(), reply.signature());
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
    Map<String, Object> data =
        calls.provision(identity, ProvisionRequest.Gencsr.forName(token, identity), null);
    ProvisionReply.Gencsr reply =
        NodeCalls.read(identity, "gencsr", data, ProvisionReply.Gencsr::from);
    return new CsrResult(reply.csr(), reply.publicKey(), reply.ssldir());
  }

  @Override
  public CsrResult requestCheckedCsr(String identity) {
    CsrResult csr = requestCsr(identity);
    CredentialFailures.mapped(() -> csrChecks.validate(identity, csr.csrPem()));
    return csr;
  }

  @Override
  public NodeReads fetchInventoryAndCheckedCsr(String identity) {
    InventoryResult inventory = fetchInventory(identity);
    return new NodeReads(inventory, requestCheckedCsr(identity));
  }

  @Override
  public ConfigureResult configure(ConfigureInput in) {
    Map<String, Object> data = calls.provision(in.identity(), ConfigureBody.of(in, token), null);
    return new ConfigureResult(ProvisionReply.Message.from(data).message());
  }

  @Override
  public String restart(String identity) {
    Map<String, Object> data =
        calls.provision(identity, new ProvisionRequest.Restart(token, 1), null);
    metrics.provisioned();
    return ProvisionReply.Message.from(data).message();
  }

  @Override
  public String shutdown(String identity) {
    return ProvisionReply.Message.from(
            calls.provision(identity, new ProvisionRequest.Shutdown(token), null))
        .message();
  }
}
