package io.fleetwright.activities;

import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Tells a step that already took effect on the node, although its reply was lost, from a real
 * refusal: a node that has left provisioning mode and answers {@code rpcutil#ping} in its main
 * collective was configured and restarted.
 */
final class LostReplies {
  static final Duration PING_TIMEOUT = Duration.ofSeconds(4);

  private final @Nullable NodeRpc mainCollective;
  private final IntSupplier attempt;

  LostReplies(@Nullable NodeRpc mainCollective, IntSupplier attempt) {
    this.mainCollective = mainCollective;
    this.attempt = attempt;
  }

  /** The try number of the running activity; 1 outside an activity. */
  static int activityAttempt() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException e) {
      return 1;
    }
  }

  /** True when this is a retry, so an earlier try of the same step may have reached the node. */
  boolean retrying() {
    return attempt.getAsInt() > 1;
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
