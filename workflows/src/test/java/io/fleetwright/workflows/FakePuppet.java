package io.fleetwright.workflows;

import io.fleetwright.api.PuppetActivities;
import io.fleetwright.api.PuppetAwait;
import io.fleetwright.api.PuppetReply;
import io.fleetwright.api.PuppetRunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory site of Puppet agents for workflow tests: runs finish at once. */
class FakePuppet implements PuppetActivities {
  final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
  final Map<String, String> locks = new ConcurrentHashMap<>();
  final Set<String> failing = ConcurrentHashMap.newKeySet();
  final Set<String> silent = ConcurrentHashMap.newKeySet();
  final List<String> runs = new CopyOnWriteArrayList<>();
  final List<PuppetRunOptions> options = new CopyOnWriteArrayList<>();
  final List<PuppetAwait> awaits = new CopyOnWriteArrayList<>();
  final List<java.time.Duration> awaitTimeouts = new CopyOnWriteArrayList<>();

  FakePuppet(List<String> nodes) {
    nodes.forEach(n -> enabled.put(n, true));
  }

  private List<PuppetReply> each(
      List<String> nodes, java.util.function.Function<String, PuppetReply> fn) {
    List<PuppetReply> out = new ArrayList<>();
    for (String n : nodes) {
      out.add(silent.contains(n) ? PuppetReply.failed(n, "no reply from " + n) : fn.apply(n));
    }
    return out;
  }

  @Override
  public List<PuppetReply> status(List<String> nodes) {
    return each(
        nodes,
        n -> new PuppetReply(n, null, enabled.get(n), false, 50, locks.getOrDefault(n, ""), 0, -1));
  }

  @Override
  public List<PuppetReply> enable(List<String> nodes) {
    return each(
        nodes,
        n -> {
          enabled.put(n, true);
          locks.remove(n);
          return new PuppetReply(n, null, true, false, 0, "", 0, -1);
        });
  }

  @Override
  public List<PuppetReply> disable(List<String> nodes, String message) {
    return each(
        nodes,
        n -> {
          if (enabled.put(n, false)) {
            locks.put(n, message);
          }
          return new PuppetReply(n, null, false, false, 0, "", 0, -1);
        });
  }

  @Override
  public List<PuppetReply> runonce(List<String> nodes, PuppetRunOptions opts) {
    options.add(opts);
    return each(
        nodes,
        n -> {
          if (!enabled.get(n)) {
            return PuppetReply.failed(n, "Puppet is disabled");
          }
          runs.add(n);
          return new PuppetReply(n, null, true, false, 0, "", 100, -1);
        });
  }

  @Override
  public List<PuppetReply> awaitRuns(PuppetAwait await) {
    awaits.add(await);
    awaitTimeouts.add(
        io.temporal.activity.Activity.getExecutionContext().getInfo().getStartToCloseTimeout());
    return each(
        await.initiatedAt().keySet().stream().sorted().toList(),
        n -> new PuppetReply(n, null, enabled.get(n), false, 100, "", 0, -1));
  }

  @Override
  public List<PuppetReply> lastRunSummary(List<String> nodes) {
    return each(
        nodes,
        n -> new PuppetReply(n, null, false, false, 100, "", 0, failing.contains(n) ? 3 : 0));
  }
}
