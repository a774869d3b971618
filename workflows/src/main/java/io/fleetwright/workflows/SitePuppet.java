package io.fleetwright.workflows;

import io.fleetwright.api.PuppetActivities;
import io.fleetwright.api.PuppetAwait;
import io.fleetwright.api.PuppetReply;
import io.fleetwright.site.SitePolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Puppet calls of a site run, each split into chunks of at most {@value #CHUNK} nodes that run
 * as parallel activities, so no single payload grows with the site.
 */
final class SitePuppet {
  static final int CHUNK = 500;

  private final PuppetActivities calls;
  private final PuppetActivities waits;
  private final SitePolicy policy;
  private final Map<String, Integer> runTimeouts;

  /**
   * @param runTimeouts per node, a run timeout overriding the policy's; the activity that waits
   *     gets enough time for the longest one
   */
  SitePuppet(SitePolicy policy, Map<String, Integer> runTimeouts) {
    this.policy = policy;
    this.runTimeouts = runTimeouts;
    RetryOptions retry =
        RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumAttempts(3)
            .build();
    this.calls =
        Workflow.newActivityStub(
            PuppetActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(retry)
                .build());
    int longestRun =
        Math.max(
            policy.runTimeoutSeconds(),
            runTimeouts.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    long wait = (long) policy.startTimeoutSeconds() + longestRun + 300;
    this.waits =
        Workflow.newActivityStub(
            PuppetActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(wait))
                .setHeartbeatTimeout(
                    Duration.ofSeconds(Math.max(60, 3L * policy.pollIntervalSeconds())))
                .setRetryOptions(retry)
                .build());
  }

  List<PuppetReply> status(List<String> nodes) {
    return chunked(nodes, calls::status);
  }

  List<PuppetReply> enable(List<String> nodes) {
    return chunked(nodes, calls::enable);
  }

  List<PuppetReply> disable(List<String> nodes, String message) {
    return chunked(nodes, c -> calls.disable(c, message));
  }

  List<PuppetReply> runonce(List<String> nodes) {
    return chunked(nodes, c -> calls.runonce(c, io.fleetwright.api.PuppetRunOptions.of(policy)));
  }

  List<PuppetReply> lastRunSummary(List<String> nodes) {
    return chunked(nodes, calls::lastRunSummary);
  }

  /** Waits for the runs requested at {@code initiatedAt} (0: only until idle). */
  List<PuppetReply> awaitRuns(Map<String, Long> initiatedAt) {
    List<String> nodes = initiatedAt.keySet().stream().sorted().toList();
    return chunked(
        nodes,
        c -> {
          Map<String, Long> part = new java.util.HashMap<>();
          Map<String, Integer> timeouts = new java.util.HashMap<>();
          c.forEach(n -> part.put(n, initiatedAt.get(n)));
          c.stream()
              .filter(runTimeouts::containsKey)
              .forEach(n -> timeouts.put(n, runTimeouts.get(n)));
          return waits.awaitRuns(
              new PuppetAwait(
                  part,
                  policy.startTimeoutSeconds(),
                  policy.runTimeoutSeconds(),
                  policy.pollIntervalSeconds(),
                  timeouts));
        });
  }

  private static List<PuppetReply> chunked(
      List<String> nodes, Function<List<String>, List<PuppetReply>> call) {
    List<Promise<List<PuppetReply>>> parts = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i += CHUNK) {
      List<String> chunk = List.copyOf(nodes.subList(i, Math.min(nodes.size(), i + CHUNK)));
      parts.add(Async.function(call::apply, chunk));
    }
    List<PuppetReply> out = new ArrayList<>(nodes.size());
    for (Promise<List<PuppetReply>> p : parts) {
      out.addAll(p.get());
    }
    return out;
  }
}
