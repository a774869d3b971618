package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.PuppetProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Puppet agent of one emulated node: the disable lock, whether a run is applying, and the last
 * run's summary. A run is scheduled on the node's host: after the splay it applies for the
 * profile's run time, then writes its summary. Guarded by its own monitor.
 */
final class PuppetState {
  private final PuppetProfile profile;
  private final long seed;
  private boolean enabled = true;
  private String lockMessage = "";
  private boolean applying;
  private boolean pending;
  private boolean forceFail;
  private long lastrun;
  private LastRun last;
  private final List<Instant> runStarts = new ArrayList<>();

  /** The counters of a finished run. */
  record LastRun(
      long lastrun, int total, int failed, int changed, double totalTime, String configVersion) {}

  PuppetState(PuppetProfile profile, long seed) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.seed = seed;
  }

  synchronized boolean enabled() {
    return enabled;
  }

  synchronized String lockMessage() {
    return lockMessage;
  }

  synchronized boolean applying() {
    return applying;
  }

  /** True from {@code runonce} until the run ends, splay included. */
  synchronized boolean busy() {
    return applying || pending;
  }

  synchronized long lastrun() {
    return lastrun;
  }

  synchronized LastRun last() {
    return last;
  }

  synchronized List<Instant> runStarts() {
    return List.copyOf(runStarts);
  }

  synchronized void forceFail(boolean on) {
    forceFail = on;
  }

  synchronized void disable(String message) {
    enabled = false;
    lockMessage = message;
  }

  synchronized void enable() {
    enabled = true;
    lockMessage = "";
  }

  /** Schedules one run of {@code node} after {@code splay}. */
  void start(EmulatedNode node, Duration splay) {
    synchronized (this) {
      pending = true;
    }
    NodeHost host = node.host();
    host.schedule(
        splay,
        () -> {
          Duration runTime = profile.runTime(seed, node.index());
          synchronized (this) {
            pending = false;
            applying = true;
            runStarts.add(node.settings().clock().instant());
          }
          host.schedule(runTime, () -> finish(node, runTime));
        });
  }

  private void finish(EmulatedNode node, Duration runTime) {
    boolean fails = profile.fails(seed, node.index(), node.identity());
    long now = node.settings().clock().instant().getEpochSecond();
    int total = 20 + Mix.pick(seed, node.index(), "puppet-resources", 30);
    synchronized (this) {
      int failed = fails || forceFail ? profile.failedResources() : 0;
      applying = false;
      lastrun = now;
      last =
          new LastRun(
              now,
              total,
              failed,
              runStarts.size() == 1 ? 1 : 0,
              runTime.toMillis() / 1000.0,
              Long.toString(now));
    }
  }
}
