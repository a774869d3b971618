package io.fleetwright.activities;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads the Choria version a node in provisioning mode reports, without changing it. */
final class UpgradeProbe {
  private final FencedNodeRpc rpc;
  private final ChangeWindows windows;

  UpgradeProbe(FencedNodeRpc rpc, ChangeWindows windows) {
    this.rpc = rpc;
    this.windows = windows;
  }

  /**
   * The {@code version} of the node's {@code rpcutil#inventory}, or empty when none of {@link
   * ChangeWindows#probes} requests is answered. A broken connection is a retryable failure: it says
   * nothing about the node.
   */
  Optional<String> version(String identity) {
    for (int i = 0; i < windows.probes(); i++) {
      try {
        RpcReply reply =
            Heartbeats.whileWaiting(
                () ->
                    rpc.call(
                        identity,
                        "rpcutil",
                        "inventory",
                        Map.of(),
                        NodeCalls.RPCUTIL_TIMEOUT,
                        null));
        if (reply.ok()) {
          Object version = reply.data().get("version");
          return Optional.of(version == null ? "" : version.toString());
        }
      } catch (RpcTimeoutException unanswered) {
        Heartbeats.beat();
      } catch (ProtocolException e) {
        throw ApplicationFailure.newFailure(
            "could not ask %s for its version: %s".formatted(identity, e.getMessage()),
            FailureTypes.NODE_UNREACHABLE);
      }
    }
    return Optional.empty();
  }

  /** Waits, heartbeating about once a second. */
  void pause(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Heartbeats.beat();
      try {
        Thread.sleep(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a node", e);
      }
    }
  }
}
