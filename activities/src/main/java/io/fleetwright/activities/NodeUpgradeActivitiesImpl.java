package io.fleetwright.activities;

import io.fleetwright.api.AwaitVersionInput;
import io.fleetwright.api.ChoriaVersions;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.NodeReturn;
import io.fleetwright.api.NodeUpgradeActivities;
import io.fleetwright.api.UpdateInput;
import io.fleetwright.api.UpdateResult;
import io.fleetwright.protocol.ProvisionReply;
import io.fleetwright.protocol.ProvisionRequest;
import io.fleetwright.protocol.RpcReply;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code choria_provision#release_update}, at most once per helper decision like {@link
 * NodeChangeActivitiesImpl}, and the wait for the node to come back on the new version.
 */
public final class NodeUpgradeActivitiesImpl implements NodeUpgradeActivities {
  private static final Logger LOG = LoggerFactory.getLogger(NodeUpgradeActivitiesImpl.class);

  /**
   * How long {@code release_update} may take to answer: the node downloads and checks the release
   * before it replies. Within the step's 2-minute attempt; the fence only bounds when the request
   * may arrive, not how long the node works on it.
   */
  static final Duration UPDATE_REPLY_TIMEOUT = Duration.ofSeconds(90);

  private static final Duration FIRST_POLL_DELAY = Duration.ofMillis(500);
  private static final Duration LONGEST_POLL_DELAY = Duration.ofSeconds(5);
  private final NodeCalls calls;
  private final String token;
  private final UpgradeProbe probe;
  private final ChangeWindows windows;
  private final Clock clock;
  private final Function<ChangeWindows, Fence> fences;

  /**
   * Creates the activities.
   *
   * @param rpc the RPC client of the provisioning collective
   * @param token the provisioning token sent with {@code release_update}
   * @param metrics where RPC durations and errors are counted
   */
  public NodeUpgradeActivitiesImpl(FencedNodeRpc rpc, String token, ActivityMetrics metrics) {
    this(
        rpc,
        token,
        metrics,
        ChangeWindows.DEFAULTS,
        Clock.systemUTC(),
        windows -> Fence.ofCurrentAttempt(Clock.systemUTC(), windows.fenceMargin()));
  }

  NodeUpgradeActivitiesImpl(
      FencedNodeRpc rpc,
      String token,
      ActivityMetrics metrics,
      ChangeWindows windows,
      Clock clock,
      Function<ChangeWindows, Fence> fences) {
    this.calls = new NodeCalls(rpc, metrics);
    this.token = token;
    this.probe = new UpgradeProbe(rpc, windows);
    this.windows = windows;
    this.clock = clock;
    this.fences = fences;
  }

  @Override
  public UpdateResult releaseUpdate(UpdateInput input) {
    Fence fence = fences.apply(windows);
    if (fence.attempt() > 1) {
      Optional<UpdateResult> done = afterEarlierAttempt(input, fence);
      if (done.isPresent()) {
        return done.get();
      }
    }
    ProvisionRequest.ReleaseUpdate request =
        new ProvisionRequest.ReleaseUpdate(token, input.repository(), input.version());
    RpcReply reply =
        NodeChangeActivitiesImpl.fenced(
            fence,
            () ->
                calls.provisionReply(
                    input.identity(), request, fence.deadline(), UPDATE_REPLY_TIMEOUT),
            input.identity(),
            request.action());
    if (reply.ok()) {
      return new UpdateResult(
          true, ProvisionReply.Message.from(reply.data()).message(), fence.attempt());
    }
    ApplicationFailure refused =
        NodeCalls.refused(input.identity(), NodeCalls.PROVISION + "#release_update", reply);
    if (FailureTypes.NODE_LOCKED.equals(refused.getType())) {
      throw refused;
    }
    LOG.info("{} refused release_update to {}: {}", input.identity(), input.version(), reply);
    return new UpdateResult(false, reply.statusMsg(), fence.attempt());
  }

  /**
   * Finds out what the attempts before this one did: a node that no longer answers is restarting
   * into the release, one that reports the version has it; anything else is updated now.
   */
  private Optional<UpdateResult> afterEarlierAttempt(UpdateInput input, Fence fence) {
    fence.waitFor(windows.restart());
    Optional<String> version = probe.version(input.identity());
    if (version.isEmpty() || ChoriaVersions.same(version.get(), input.version())) {
      String message =
          ("%s %s after attempt %d: an earlier attempt's release_update took effect and only its"
                  + " reply was lost")
              .formatted(
                  input.identity(),
                  version.isEmpty() ? "stopped answering" : "runs " + input.version(),
                  fence.attempt() - 1);
      LOG.info("{}", message);
      return Optional.of(new UpdateResult(true, message, fence.attempt()));
    }
    return Optional.empty();
  }

  @Override
  public NodeReturn awaitVersion(AwaitVersionInput input) {
    java.time.Instant settled = clock.instant().plus(windows.restart().multipliedBy(3));
    Duration delay = FIRST_POLL_DELAY;
    boolean gone = false;
    String last = "";
    int polls = 0;
    while (clock.instant().isBefore(input.notAfter())) {
      polls++;
      Optional<String> version = probe.version(input.identity());
      if (version.isPresent()) {
        last = version.get();
        if (ChoriaVersions.same(last, input.toVersion())
            || gone
            || !clock.instant().isBefore(settled)) {
          return new NodeReturn(true, last, polls);
        }
      } else {
        gone = true;
        last = "";
      }
      Duration left = Duration.between(clock.instant(), input.notAfter());
      probe.pause(left.compareTo(delay) < 0 ? left : delay);
      delay = delay.multipliedBy(2);
      delay = delay.compareTo(LONGEST_POLL_DELAY) > 0 ? LONGEST_POLL_DELAY : delay;
    }
    // Gone and not back: not answered. Never gone: it kept answering on another version.
    return new NodeReturn(!last.isEmpty(), last, polls);
  }
}
