package io.fleetwright.activities;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcTimeoutException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/** Asks whether a node still answers in the provisioning collective, without changing it. */
final class NodeProbe {
  private final FencedNodeRpc rpc;
  private final ChangeWindows windows;

  NodeProbe(FencedNodeRpc rpc, ChangeWindows windows) {
    this.rpc = rpc;
    this.windows = windows;
  }

  /**
   * True when the node answers one of {@link ChangeWindows#probes} directed {@code rpcutil#ping}s;
   * false when none is answered. A broken connection is a retryable failure: it says nothing about
   * the node.
   */
  boolean answersInProvisioning(String identity) {
    for (int i = 0; i < windows.probes(); i++) {
      try {
        Heartbeats.whileWaiting(
            () -> rpc.call(identity, "rpcutil", "ping", Map.of(), windows.probeTimeout(), null));
        return true;
      } catch (RpcTimeoutException unanswered) {
        Heartbeats.beat();
      } catch (ProtocolException e) {
        throw ApplicationFailure.newFailure(
            "could not ask %s whether an earlier attempt took effect: %s"
                .formatted(identity, e.getMessage()),
            FailureTypes.NODE_UNREACHABLE);
      }
    }
    return false;
  }
}
