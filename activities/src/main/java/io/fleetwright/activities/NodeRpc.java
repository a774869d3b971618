package io.fleetwright.activities;

import io.fleetwright.protocol.RpcReply;
import java.time.Duration;
import java.util.Map;

/**
 * A directed Choria RPC to one node: the port the RPC activities use, implemented by the protocol
 * module's client (and by fakes in unit tests).
 */
@FunctionalInterface
public interface NodeRpc {
  /**
   * Sends one request to {@code provisioning.node.<identity>} and returns its single reply.
   *
   * @param identity the node
   * @param agent e.g. {@code choria_provision}
   * @param action e.g. {@code configure}
   * @param data the action's inputs
   * @param timeout how long to wait for the reply
   * @return the node's reply
   * @throws io.fleetwright.protocol.RpcTimeoutException when no reply came in time
   * @throws io.fleetwright.protocol.ProtocolException when the request could not be sent
   */
  RpcReply call(
      String identity, String agent, String action, Map<String, Object> data, Duration timeout);
}
