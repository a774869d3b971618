package io.fleetwright.activities;

import io.fleetwright.protocol.RpcReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A directed Choria RPC to one node whose request the node drops from a given instant on: the port
 * the steps that change a node use, implemented by the protocol module's client.
 */
@FunctionalInterface
public interface FencedNodeRpc {
  /**
   * Sends one request to {@code provisioning.node.<identity>} and returns its single reply.
   *
   * @param identity the node
   * @param agent e.g. {@code choria_provision}
   * @param action e.g. {@code configure}
   * @param data the action's inputs
   * @param timeout how long to wait for the reply
   * @param validUntil from when the node must drop the request; null for the client's usual ttl
   * @return the node's reply
   * @throws io.fleetwright.protocol.RpcTimeoutException when no reply came in time
   * @throws io.fleetwright.protocol.ProtocolException when the request could not be sent
   */
  RpcReply call(
      String identity,
      String agent,
      String action,
      Map<String, Object> data,
      Duration timeout,
      @Nullable Instant validUntil);
}
