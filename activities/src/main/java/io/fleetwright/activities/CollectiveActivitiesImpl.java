package io.fleetwright.activities;

import io.fleetwright.api.CollectiveActivities;
import io.fleetwright.protocol.ProvisionReply;
import io.fleetwright.protocol.ProvisionRequest;
import io.fleetwright.protocol.RpcReply;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls on provisioned nodes in their main collective. Used by renewal (as an activity) and by
 * {@code provisioner reprovision} (directly).
 */
public final class CollectiveActivitiesImpl implements CollectiveActivities {
  private static final Logger LOG = LoggerFactory.getLogger(CollectiveActivitiesImpl.class);
  private final NodeCalls calls;
  private final ProvisionRequest.Reprovision request;

  /**
   * @param rpc the RPC client of the main collective, where provisioned nodes answer
   * @param token the provisioning token; the node checks it before it reprovisions
   * @param metrics where RPC durations and errors are counted
   */
  public CollectiveActivitiesImpl(FencedNodeRpc rpc, String token, ActivityMetrics metrics) {
    this.calls = new NodeCalls(rpc, metrics);
    this.request = new ProvisionRequest.Reprovision(token);
  }

  @Override
  public String reprovision(String identity) {
    RpcReply reply = calls.provisionReply(identity, request, null);
    if (reply.ok()) {
      String message = ProvisionReply.Message.from(reply.data()).message();
      LOG.info("{} is going back into provisioning mode: {}", identity, message);
      return message;
    }
    if (reply.statusMsg().toLowerCase(Locale.ROOT).contains("already in provisioning mode")) {
      // An earlier attempt's request took effect and only its reply was lost.
      LOG.info("{} is already in provisioning mode: {}", identity, reply.statusMsg());
      return "already in provisioning mode";
    }
    throw NodeCalls.refused(identity, NodeCalls.PROVISION + "#reprovision", reply);
  }
}
