package io.fleetwright.activities;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.NodeChangeActivities;
import io.fleetwright.protocol.ProvisionReply;
import io.fleetwright.protocol.ProvisionRequest;
import io.fleetwright.protocol.RpcReply;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that change a node, at most once per helper decision (docs/exactly-once.md): every
 * request expires at the attempt's {@link Fence}, an attempt that lost a reply waits its fence out
 * before it fails, and a later attempt asks the node what an earlier one did before it repeats
 * anything.
 */
public final class NodeChangeActivitiesImpl implements NodeChangeActivities {
  private static final Logger LOG = LoggerFactory.getLogger(NodeChangeActivitiesImpl.class);
  private final NodeCalls calls;
  private final ProvisionRequest.Restart restart;
  private final ProvisionRequest.Shutdown shutdown;
  private final String token;
  private final NodeProbe probe;
  private final ChangeWindows windows;
  private final ActivityMetrics metrics;
  private final Function<ChangeWindows, Fence> fences;

  /**
   * Creates the activities.
   *
   * @param rpc the RPC client of the provisioning collective
   * @param token the provisioning token sent with every {@code choria_provision} call
   * @param metrics where RPC durations, errors and repeated attempts are counted
   */
  public NodeChangeActivitiesImpl(FencedNodeRpc rpc, String token, ActivityMetrics metrics) {
    this(
        rpc,
        token,
        metrics,
        ChangeWindows.DEFAULTS,
        windows -> Fence.ofCurrentAttempt(Clock.systemUTC(), windows.fenceMargin()));
  }

  NodeChangeActivitiesImpl(
      FencedNodeRpc rpc,
      String token,
      ActivityMetrics metrics,
      ChangeWindows windows,
      Function<ChangeWindows, Fence> fences) {
    this.calls = new NodeCalls(rpc, metrics);
    this.token = token;
    this.restart = new ProvisionRequest.Restart(token, 1);
    this.shutdown = new ProvisionRequest.Shutdown(token);
    this.probe = new NodeProbe(rpc, windows);
    this.windows = windows;
    this.metrics = metrics;
    this.fences = fences;
  }

  @Override
  public ApplyResult applyConfiguration(ConfigureInput input) {
    Fence fence = fences.apply(windows);
    if (fence.attempt() > 1) {
      Optional<ApplyResult> done = afterEarlierAttempt(input.identity(), fence);
      if (done.isPresent()) {
        return done.get();
      }
    }
    String configured = send(input.identity(), ConfigureBody.of(input, token), fence);
    String restarted = send(input.identity(), restart, fence);
    metrics.provisioned();
    return new ApplyResult(configured, restarted, fence.attempt());
  }

  /**
   * Finds out what the attempts before this one did. A node gone from the provisioning collective
   * restarted; one that accepts {@code restart} had been configured; one that refuses it was not,
   * and then (empty result) this attempt configures it.
   */
  private Optional<ApplyResult> afterEarlierAttempt(String identity, Fence fence) {
    fence.waitFor(windows.restart());
    if (!probe.answersInProvisioning(identity)) {
      metrics.changeRepeated("configure_and_restart", "already_restarted");
      String message =
          ("%s left provisioning mode after attempt %d: an earlier attempt's restart took effect"
                  + " and only its reply was lost")
              .formatted(identity, fence.attempt() - 1);
      LOG.info("{}", message);
      return Optional.of(new ApplyResult(earlier(fence), message, fence.attempt()));
    }
    RpcReply reply =
        fenced(
            fence,
            () -> calls.provisionReply(identity, restart, fence.deadline()),
            identity,
            "restart");
    if (reply.ok()) {
      metrics.changeRepeated("configure_and_restart", "already_configured");
      metrics.provisioned();
      LOG.info(
          "{} was configured by an attempt before {}; this one only restarted it",
          identity,
          fence.attempt());
      return Optional.of(
          new ApplyResult(
              earlier(fence),
              ProvisionReply.Message.from(reply.data()).message(),
              fence.attempt()));
    }
    ApplicationFailure refused =
        NodeCalls.refused(identity, NodeCalls.PROVISION + "#restart", reply);
    if (!FailureTypes.RPC_ABORTED.equals(refused.getType())) {
      throw refused;
    }
    metrics.changeRepeated("configure_and_restart", "not_configured");
    LOG.info(
        "{} was not configured by an earlier attempt (it refused restart: {}); configuring it now",
        identity,
        reply.statusMsg());
    return Optional.empty();
  }

  private static String earlier(Fence fence) {
    return "configured by attempt %d or earlier".formatted(fence.attempt() - 1);
  }

  @Override
  public String shutdownNode(String identity) {
    Fence fence = fences.apply(windows);
    if (fence.attempt() > 1) {
      fence.waitFor(windows.shutdown());
      if (!probe.answersInProvisioning(identity)) {
        metrics.changeRepeated("shutdown", "already_shut_down");
        String message =
            ("%s is gone from the provisioning collective after attempt %d: an earlier attempt's"
                    + " shutdown took effect and only its reply was lost")
                .formatted(identity, fence.attempt() - 1);
        LOG.info("{}", message);
        return message;
      }
    }
    return send(identity, shutdown, fence);
  }

  /** One fenced {@code choria_provision} call; returns the node's message. */
  private String send(String identity, ProvisionRequest request, Fence fence) {
    Map<String, Object> reply =
        fenced(
            fence,
            () -> calls.provision(identity, request, fence.deadline()),
            identity,
            request.action());
    return ProvisionReply.Message.from(reply).message();
  }

  /**
   * Runs one call that may change the node. When its outcome is unknown (no reply, or the
   * connection broke after sending), waits until its request has expired before failing, so the
   * next attempt never overlaps a request that might still arrive.
   */
  static <T> T fenced(Fence fence, Supplier<T> call, String identity, String action) {
    fence.beforeSending(identity, NodeCalls.PROVISION + "#" + action);
    try {
      return call.get();
    } catch (ApplicationFailure failure) {
      if (FailureTypes.RPC_TIMEOUT.equals(failure.getType())
          || FailureTypes.NODE_UNREACHABLE.equals(failure.getType())) {
        fence.waitPast();
      }
      throw failure;
    }
  }
}
