package io.fleetwright.activities;

import io.fleetwright.api.PuppetAwait;
import io.fleetwright.api.PuppetReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Waits for Puppet runs by polling {@code status}, per node: started once {@code applying} or a
 * {@code lastrun} at or after {@code initiated_at}; done once idle with such a {@code lastrun}.
 * Three missed replies in a row, or a missed timeout, fail the node.
 */
final class PuppetPoller {
  static final int MAX_MISSES = 3;

  /** Sleeps between polls. */
  interface Sleeper {
    void sleep(Duration d);
  }

  private final Function<List<String>, List<PuppetReply>> status;
  private final LongSupplier nanos;
  private final Sleeper sleeper;

  PuppetPoller(
      Function<List<String>, List<PuppetReply>> status, LongSupplier nanos, Sleeper sleeper) {
    this.status = status;
    this.nanos = nanos;
    this.sleeper = sleeper;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Puppet runs", e);
    }
  }

  List<PuppetReply> await(PuppetAwait await) {
    long begin = nanos.getAsLong();
    long startLimit = Duration.ofSeconds(await.startTimeoutSeconds()).toNanos();
    Map<String, Long> pending = new LinkedHashMap<>(await.initiatedAt());
    Map<String, Long> startedAt = new HashMap<>();
    Map<String, Integer> misses = new HashMap<>();
    Map<String, PuppetReply> done = new HashMap<>();
    while (!pending.isEmpty()) {
      List<PuppetReply> replies = status.apply(List.copyOf(pending.keySet()));
      long now = nanos.getAsLong();
      for (PuppetReply r : replies) {
        String node = r.node();
        long initiated = pending.get(node);
        if (!r.ok()) {
          if (misses.merge(node, 1, Integer::sum) >= MAX_MISSES) {
            done.put(node, PuppetReply.failed(node, r.error() + " (" + MAX_MISSES + " polls)"));
          }
          continue;
        }
        misses.remove(node);
        boolean ranSince = initiated == 0 || r.lastrun() >= initiated;
        if (r.applying() || ranSince) {
          startedAt.putIfAbsent(node, now);
        }
        if (!r.applying() && ranSince) {
          done.put(node, r);
        } else if (!startedAt.containsKey(node) && now - begin > startLimit) {
          done.put(node, timedOut(node, "start", await.startTimeoutSeconds()));
        } else if (startedAt.containsKey(node)
            && now - startedAt.get(node) > Duration.ofSeconds(await.runTimeoutOf(node)).toNanos()) {
          done.put(node, timedOut(node, "finish", await.runTimeoutOf(node)));
        }
      }
      pending.keySet().removeAll(done.keySet());
      if (!pending.isEmpty()) {
        Heartbeats.beat();
        sleeper.sleep(Duration.ofSeconds(await.pollIntervalSeconds()));
      }
    }
    List<PuppetReply> out = new ArrayList<>();
    await.initiatedAt().keySet().stream().sorted().forEach(n -> out.add(done.get(n)));
    return out;
  }

  private static PuppetReply timedOut(String node, String what, int seconds) {
    return PuppetReply.failed(
        node, "the Puppet run on " + node + " did not " + what + " within " + seconds + " s");
  }
}
