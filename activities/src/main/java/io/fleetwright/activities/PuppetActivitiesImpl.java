package io.fleetwright.activities;

import io.fleetwright.api.PuppetActivities;
import io.fleetwright.api.PuppetAwait;
import io.fleetwright.api.PuppetReply;
import io.fleetwright.api.PuppetRunOptions;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * {@link PuppetActivities} over a {@link NodeRpc} bound to the site's main collective: every node
 * of a call is asked in parallel (at most {@code parallelism} at once).
 */
public final class PuppetActivitiesImpl implements PuppetActivities {
  private static final String AGENT = "puppet";
  private static final String ALREADY_APPLYING =
      "Puppet is currently applying a catalog, cannot run now";

  private final NodeRpc rpc;
  private final Duration rpcTimeout;
  private final Semaphore permits;
  private final PuppetPoller poller;

  /**
   * Creates the activities.
   *
   * @param rpc directed RPC in the main collective
   * @param rpcTimeout how long each node may take to reply (the DDL says 20 s)
   * @param parallelism how many nodes are asked at once
   */
  public PuppetActivitiesImpl(NodeRpc rpc, Duration rpcTimeout, int parallelism) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.rpcTimeout = Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.permits = new Semaphore(parallelism);
    this.poller = new PuppetPoller(this::status, System::nanoTime, PuppetPoller::sleep);
  }

  @Override
  public List<PuppetReply> status(List<String> nodes) {
    return each(nodes, n -> call(n, "status", Map.of(), PuppetActivitiesImpl::fromStatus));
  }

  @Override
  public List<PuppetReply> enable(List<String> nodes) {
    return each(nodes, n -> lock(n, "enable", Map.of(), "Already enabled", true));
  }

  @Override
  public List<PuppetReply> disable(List<String> nodes, String message) {
    return each(
        nodes, n -> lock(n, "disable", Map.of("message", message), "Already disabled", false));
  }

  @Override
  public List<PuppetReply> runonce(List<String> nodes, PuppetRunOptions options) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("force", true);
    data.put("noop", options.noop());
    if (options.environment() != null) {
      data.put("environment", options.environment());
    }
    if (!options.tags().isEmpty()) {
      data.put("tags", String.join(",", options.tags()));
    }
    if (!options.skipTags().isEmpty()) {
      data.put("skip_tags", String.join(",", options.skipTags()));
    }
    return each(nodes, n -> runonce(n, data));
  }

  /**
   * A retried activity finds the runs it already started applying; while the site is disabled only
   * we can have started them, so such a node counts as started (0: wait until it is idle).
   */
  private PuppetReply runonce(String node, Map<String, Object> data) {
    PuppetReply reply =
        call(
            node,
            "runonce",
            data,
            (n, d) ->
                new PuppetReply(n, null, true, false, 0, "", number(d, "initiated_at", 0), -1));
    if (!reply.ok() && reply.error().endsWith(ALREADY_APPLYING)) {
      return new PuppetReply(node, null, true, true, 0, "", 0, -1);
    }
    return reply;
  }

  @Override
  public List<PuppetReply> awaitRuns(PuppetAwait await) {
    return poller.await(await);
  }

  @Override
  public List<PuppetReply> lastRunSummary(List<String> nodes) {
    return each(
        nodes,
        n ->
            call(
                n,
                "last_run_summary",
                Map.of(),
                (node, d) ->
                    new PuppetReply(
                        node,
                        null,
                        false,
                        false,
                        number(d, "lastrun", 0),
                        "",
                        0,
                        (int) number(d, "failed_resources", -1))));
  }

  private List<PuppetReply> each(List<String> nodes, Function<String, PuppetReply> one) {
    return Heartbeats.whileWaiting(() -> Parallel.map(nodes, n -> limited(() -> one.apply(n))));
  }

  private PuppetReply limited(java.util.function.Supplier<PuppetReply> call) {
    permits.acquireUninterruptibly();
    try {
      return call.get();
    } finally {
      permits.release();
    }
  }

  private PuppetReply lock(
      String node, String action, Map<String, Object> data, String already, boolean target) {
    return call(
        node,
        action,
        data,
        (n, d) -> new PuppetReply(n, null, target, false, 0, "", 0, -1),
        already,
        target);
  }

  private PuppetReply call(
      String node,
      String action,
      Map<String, Object> data,
      java.util.function.BiFunction<String, Map<String, Object>, PuppetReply> ok) {
    return call(node, action, data, ok, null, false);
  }

  private PuppetReply call(
      String node,
      String action,
      Map<String, Object> data,
      java.util.function.BiFunction<String, Map<String, Object>, PuppetReply> ok,
      String alreadyInTarget,
      boolean target) {
    RpcReply reply;
    try {
      reply = rpc.call(node, AGENT, action, data, rpcTimeout);
    } catch (RpcTimeoutException e) {
      return PuppetReply.failed(
          node, "no reply from " + node + " to puppet#" + action + " within " + rpcTimeout);
    } catch (ProtocolException e) {
      return PuppetReply.failed(
          node, "puppet#" + action + " could not be sent to " + node + ": " + e.getMessage());
    }
    if (reply.ok()) {
      return ok.apply(node, reply.data());
    }
    if (alreadyInTarget != null && reply.statusMsg().endsWith(alreadyInTarget)) {
      return new PuppetReply(node, null, target, false, 0, "", 0, -1);
    }
    return PuppetReply.failed(node, "puppet#" + action + " on " + node + ": " + reply.statusMsg());
  }

  private static PuppetReply fromStatus(String node, Map<String, Object> d) {
    return new PuppetReply(
        node,
        null,
        Boolean.TRUE.equals(d.get("enabled")),
        Boolean.TRUE.equals(d.get("applying")),
        number(d, "lastrun", 0),
        d.get("disable_message") instanceof String s ? s : "",
        0,
        -1);
  }

  private static long number(Map<String, Object> data, String key, long absent) {
    return data.get(key) instanceof Number n ? n.longValue() : absent;
  }
}
