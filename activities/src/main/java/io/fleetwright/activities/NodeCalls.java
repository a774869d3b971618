package io.fleetwright.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.InvalidDataException;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.ProvisionRequest;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the activities' RPCs to one node: heartbeats while it waits, times each call, and maps a
 * missing or refusing answer to a {@link FailureTypes} failure.
 */
final class NodeCalls {
  /** The Go provisioner's RPC timeouts: discovery timeout (2 s) plus the agent's DDL timeout. */
  static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(22);

  static final Duration RPCUTIL_TIMEOUT = Duration.ofSeconds(4);
  static final String PROVISION = ProvisionRequest.AGENT;
  private static final Logger LOG = LoggerFactory.getLogger(NodeCalls.class);
  private static final ObjectMapper SORTED =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final FencedNodeRpc rpc;
  private final ActivityMetrics metrics;

  NodeCalls(FencedNodeRpc rpc, ActivityMetrics metrics) {
    this.rpc = rpc;
    this.metrics = metrics;
  }

  /** A {@code choria_provision} action; a refusal is a failure. */
  Map<String, Object> provision(
      String identity, ProvisionRequest request, @Nullable Instant validUntil) {
    RpcReply reply = provisionReply(identity, request, validUntil);
    if (!reply.ok()) {
      ApplicationFailure failure = refused(identity, PROVISION + "#" + request.action(), reply);
      if (FailureTypes.RPC_ABORTED.equals(failure.getType())) {
        LOG.warn("{}", failure.getOriginalMessage());
      }
      throw failure;
    }
    return reply.data();
  }

  /** A {@code choria_provision} action; the node's answer whatever it says. */
  RpcReply provisionReply(String identity, ProvisionRequest request, @Nullable Instant validUntil) {
    return send(
        identity, PROVISION, request.action(), request.data(), PROVISION_TIMEOUT, validUntil);
  }

  /** A {@code choria_provision} action that may take longer to answer; whatever it says. */
  RpcReply provisionReply(
      String identity, ProvisionRequest request, @Nullable Instant validUntil, Duration timeout) {
    return send(identity, PROVISION, request.action(), request.data(), timeout, validUntil);
  }

  /** Any action without token or fence; a refusal is a failure. */
  Map<String, Object> call(
      String identity, String agent, String action, Map<String, Object> data, Duration timeout) {
    RpcReply reply = send(identity, agent, action, data, timeout, null);
    if (!reply.ok()) {
      throw refused(identity, agent + "#" + action, reply);
    }
    return reply.data();
  }

  private RpcReply send(
      String identity,
      String agent,
      String action,
      Map<String, Object> data,
      Duration timeout,
      @Nullable Instant validUntil) {
    String rpcName = agent + "#" + action;
    long started = System.nanoTime();
    RpcReply reply;
    try {
      reply =
          Heartbeats.whileWaiting(
              () -> rpc.call(identity, agent, action, data, timeout, validUntil));
    } catch (RpcTimeoutException e) {
      metrics.rpcError(rpcName, "timeout");
      throw ApplicationFailure.newFailure(
          "%s to %s: no reply within %ds; the node may be down, restarting or on another broker"
              .formatted(rpcName, identity, timeout.toSeconds()),
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
    }
    return reply;
  }

  /** The failure for a node's refusal, typed by what it said. */
  static ApplicationFailure refused(String identity, String rpcName, RpcReply reply) {
    String message =
        "%s refused by %s (statuscode %d): %s"
            .formatted(rpcName, identity, reply.statusCode(), reply.statusMsg());
    String text = reply.statusMsg().toLowerCase(Locale.ROOT);
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
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.RPC_ABORTED);
  }

  /** Reads a {@code choria_provision} reply; one that lacks an output is a permanent failure. */
  static <T> T read(
      String identity,
      String action,
      Map<String, Object> data,
      Function<Map<String, Object>, T> reader) {
    try {
      return reader.apply(data);
    } catch (InvalidDataException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          PROVISION + "#" + action + " reply of " + identity + " " + e.getMessage(),
          FailureTypes.RPC_ABORTED);
    }
  }

  static String json(Object value) {
    try {
      return SORTED.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write reply data as JSON", e);
    }
  }
}
