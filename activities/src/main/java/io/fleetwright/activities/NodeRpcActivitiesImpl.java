package io.fleetwright.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.ConfigureResult;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.JwtResult;
import io.fleetwright.api.NodeRpcActivities;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Choria RPCs of the provisioning flow. Adds the provisioning token, heartbeats while it waits,
 * and maps the node's answers to {@link FailureTypes}.
 */
public final class NodeRpcActivitiesImpl implements NodeRpcActivities {
  /** The Go provisioner's RPC timeouts: discovery timeout (2 s) plus the agent's DDL timeout. */
  static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(22);

  static final Duration RPCUTIL_TIMEOUT = Duration.ofSeconds(4);
  private static final String PROVISION = "choria_provision";
  private static final Logger LOG = LoggerFactory.getLogger(NodeRpcActivitiesImpl.class);
  private static final ObjectMapper SORTED =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final NodeRpc rpc;
  private final String token;
  private final SecretSealer sealer;
  private final ActivityMetrics metrics;
  private final LostReplies lostReplies;

  /**
   * Creates the activities, without a way to see nodes that already left provisioning mode.
   *
   * @param rpc the RPC client
   * @param token the provisioning token sent with every {@code choria_provision} call
   * @param sealer seals the node's JWT (it embeds the token) before it enters workflow history
   * @param metrics where RPC durations and errors are counted
   */
  public NodeRpcActivitiesImpl(
      NodeRpc rpc, String token, SecretSealer sealer, ActivityMetrics metrics) {
    this(rpc, (NodeRpc) null, token, sealer, metrics);
  }

  /**
   * Creates the activities.
   *
   * @param rpc the RPC client of the provisioning collective
   * @param mainCollective an RPC client of the nodes' main collective: when {@code configure} or
   *     {@code restart} finds the node gone from provisioning mode (refused or no reply), a ping
   *     there shows that an earlier try took effect and only its reply was lost; null to never
   *     check
   * @param token the provisioning token sent with every {@code choria_provision} call
   * @param sealer seals the node's JWT (it embeds the token) before it enters workflow history
   * @param metrics where RPC durations and errors are counted
   */
  public NodeRpcActivitiesImpl(
      NodeRpc rpc,
      @org.jspecify.annotations.Nullable NodeRpc mainCollective,
      String token,
      SecretSealer sealer,
      ActivityMetrics metrics) {
    this(rpc, new LostReplies(mainCollective), token, sealer, metrics);
  }

  NodeRpcActivitiesImpl(
      NodeRpc rpc,
      LostReplies lostReplies,
      String token,
      SecretSealer sealer,
      ActivityMetrics metrics) {
    this.rpc = rpc;
    this.lostReplies = lostReplies;
    this.token = token;
    this.sealer = sealer;
    this.metrics = metrics;
  }

  @Override
  public JwtResult fetchJwt(String identity) {
    Map<String, Object> data = provision(identity, "jwt", Map.of());
    return new JwtResult(
        sealer.seal(string(identity, "jwt", data, "jwt")),
        string(identity, "jwt", data, "ecdh_public"));
  }

  @Override
  public Ed25519Result generateEd25519(String identity, String nonce) {
    Map<String, Object> data = provision(identity, "gen25519", Map.of("nonce", nonce));
    return new Ed25519Result(
        string(identity, "gen25519", data, "public_key"),
        string(identity, "gen25519", data, "directory"),
        string(identity, "gen25519", data, "signature"));
  }

  @Override
  public InventoryResult fetchInventory(String identity) {
    Map<String, Object> data = call(identity, "rpcutil", "inventory", Map.of(), RPCUTIL_TIMEOUT);
    Map<String, String> facts = new TreeMap<>();
    if (data.get("facts") instanceof Map<?, ?> raw) {
      raw.forEach((k, v) -> facts.put(String.valueOf(k), v instanceof String s ? s : json(v)));
    }
    Object version = data.get("version");
    return new InventoryResult(
        json(data),
        version == null ? "" : version.toString(),
        Boolean.TRUE.equals(data.get("upgradable")),
        facts);
  }

  @Override
  public CsrResult requestCsr(String identity) {
    Map<String, Object> data = provision(identity, "gencsr", Map.of("cn", identity));
    return new CsrResult(
        string(identity, "gencsr", data, "csr"),
        optional(data, "public_key"),
        optional(data, "ssldir"));
  }

  @Override
  public ConfigureResult configure(ConfigureInput in) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("config", json(new TreeMap<>(in.configuration())));
    data.put("certificate", orEmpty(in.certificate()));
    data.put("ca", orEmpty(in.ca()));
    data.put("ssldir", orEmpty(in.sslDir()));
    data.put("key", in.key() == null ? "" : in.key().encryptedPem());
    data.put("ecdh_public", in.key() == null ? "" : in.key().provisionerEcdhPublic());
    data.put("server_jwt", orEmpty(in.serverJwt()));
    data.put("action_policies", in.actionPolicies());
    data.put("opa_policies", in.opaPolicies());
    return lostReplies.unlessAlreadyDone(
        in.identity(),
        () -> new ConfigureResult(optional(provision(in.identity(), "configure", data), "message")),
        () -> new ConfigureResult(alreadyDone(in.identity(), "configured")));
  }

  @Override
  public String restart(String identity) {
    String message =
        lostReplies.unlessAlreadyDone(
            identity,
            () -> optional(provision(identity, "restart", Map.of("splay", 1)), "message"),
            () -> alreadyDone(identity, "restarted"));
    metrics.provisioned();
    return message;
  }

  /**
   * The earlier steps found the node in provisioning mode; if it now runs in its main collective,
   * an earlier try of this step (and the restart after configure) took effect and only the reply
   * was lost, e.g. a local activity run again after a workflow task timeout.
   */
  private static String alreadyDone(String identity, String what) {
    String message =
        identity
            + " already "
            + what
            + ": it left provisioning mode and answers in its main collective; the reply to an"
            + " earlier try was lost";
    LOG.info("{}", message);
    return message;
  }

  @Override
  public String shutdown(String identity) {
    return optional(provision(identity, "shutdown", Map.of()), "message");
  }

  private Map<String, Object> provision(String identity, String action, Map<String, Object> in) {
    Map<String, Object> data = new LinkedHashMap<>(in);
    data.put("token", token);
    return call(identity, PROVISION, action, data, PROVISION_TIMEOUT);
  }

  private Map<String, Object> call(
      String identity, String agent, String action, Map<String, Object> data, Duration timeout) {
    String rpcName = agent + "#" + action;
    long started = System.nanoTime();
    RpcReply reply;
    try {
      reply = Heartbeats.whileWaiting(() -> rpc.call(identity, agent, action, data, timeout));
    } catch (RpcTimeoutException e) {
      metrics.rpcError(rpcName, "timeout");
      throw ApplicationFailure.newFailure(
          rpcName
              + " to "
              + identity
              + ": no reply within "
              + timeout.toSeconds()
              + "s; the node may be down, restarting or on another broker",
          FailureTypes.RPC_TIMEOUT);
    } catch (ProtocolException e) {
      metrics.rpcError(rpcName, "protocol");
      throw ApplicationFailure.newFailure(
          rpcName + " to " + identity + " failed: " + e.getMessage(),
          FailureTypes.NODE_UNREACHABLE);
    } finally {
      metrics.rpcTime(rpcName, System.nanoTime() - started);
    }
    if (!reply.ok()) {
      metrics.rpcError(rpcName, "status_" + reply.statusCode());
      throw refused(identity, rpcName, reply);
    }
    return reply.data();
  }

  private static ApplicationFailure refused(String identity, String rpcName, RpcReply reply) {
    String message =
        rpcName
            + " refused by "
            + identity
            + " (statuscode "
            + reply.statusCode()
            + "): "
            + reply.statusMsg();
    String text = reply.statusMsg().toLowerCase(java.util.Locale.ROOT);
    if (text.contains("provisioning lock")) {
      return ApplicationFailure.newBuilder()
          .setMessage(message + "; another provisioner holds the node's 2-minute lock")
          .setType(FailureTypes.NODE_LOCKED)
          .setNextRetryDelay(Duration.ofSeconds(30))
          .build();
    }
    if (text.contains("incorrect provision token")) {
      return ApplicationFailure.newNonRetryableFailure(
          message + "; set token to the node's provisioning token (the JWT's cht claim)",
          FailureTypes.TOKEN_REJECTED);
    }
    if (text.contains("not in provisioning mode") || text.contains("not in provision mode")) {
      return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.NOT_PROVISIONING);
    }
    LOG.warn("{}", message);
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.RPC_ABORTED);
  }

  private static String string(String identity, String action, Map<String, Object> data, String k) {
    if (data.get(k) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "choria_provision#" + action + " reply of " + identity + " has no string '" + k + "'",
        FailureTypes.RPC_ABORTED);
  }

  private static String optional(Map<String, Object> data, String key) {
    Object value = data.get(key);
    return value == null ? "" : value.toString();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String json(Object value) {
    try {
      return SORTED.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write reply data as JSON", e);
    }
  }
}
