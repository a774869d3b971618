package io.fleetwright.activities;

import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells a step that already took effect on the node, although its reply was lost, from a real
 * refusal: a node that has left provisioning mode and answers {@code rpcutil#ping} in its main
 * collective was configured and restarted.
 */
final class LostReplies {
  static final Duration PING_TIMEOUT = Duration.ofSeconds(4);

  private final @Nullable NodeRpc mainCollective;

  LostReplies(@Nullable NodeRpc mainCollective) {
    this.mainCollective = mainCollective;
  }

  /** True when the node answers a ping in its main collective (it is provisioned and running). */
  boolean answersInMainCollective(String identity) {
    if (mainCollective == null) {
      return false;
    }
    try {
      RpcReply reply =
          Heartbeats.whileWaiting(
              () -> mainCollective.call(identity, "rpcutil", "ping", Map.of(), PING_TIMEOUT));
      return reply.ok();
    } catch (ProtocolException e) {
      return false;
    }
  }
}
