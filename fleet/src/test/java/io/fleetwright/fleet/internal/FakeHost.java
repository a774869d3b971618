package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.ProvisioningJwtSource;
import io.fleetwright.fleet.ProvisioningJwts;
import io.fleetwright.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A node host that records what nodes do and runs timers only when the test says so. */
final class FakeHost implements NodeHost {
  final ManualClock clock = new ManualClock(Instant.parse("2024-06-10T06:13:20Z"));
  final List<String> events = new ArrayList<>();
  final List<Runnable> scheduled = new ArrayList<>();
  final List<Duration> delays = new ArrayList<>();
  NodeSettings settings;

  FakeHost(Optional<String> token) {
    this(token, ProvisioningJwts.unsigned());
  }

  FakeHost(Optional<String> token, ProvisioningJwtSource jwt) {
    settings =
        new NodeSettings(
            token,
            "0.30.2",
            "/etc/choria",
            jwt,
            SplayPolicy.REAL,
            clock,
            List.of("nats://127.0.0.1:4222"));
  }

  EmulatedNode node(String identity) {
    return new EmulatedNode(
        1, identity, Map.of("country", "nl", "cores", 8), NodeFaults.NONE, this);
  }

  @Override
  public NodeSettings settings() {
    return settings;
  }

  @Override
  public synchronized void join(EmulatedNode node) {
    events.add("join " + node.collectives());
  }

  @Override
  public synchronized void leave(EmulatedNode node) {
    events.add("leave");
  }

  @Override
  public synchronized void announce(EmulatedNode node, String type) {
    events.add(type + " " + node.lifecycleComponent());
  }

  @Override
  public synchronized void announceUpgraded(EmulatedNode node, String version, String newVersion) {
    events.add("upgraded " + node.lifecycleComponent() + " " + version + " -> " + newVersion);
  }

  @Override
  public synchronized void register(EmulatedNode node) {
    events.add("register");
  }

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    delays.add(delay);
    scheduled.add(task);
  }

  /** Runs scheduled tasks, including ones they schedule, until none are left. */
  void runScheduled() {
    while (true) {
      Runnable next;
      synchronized (this) {
        if (scheduled.isEmpty()) {
          return;
        }
        next = scheduled.remove(0);
      }
      next.run();
    }
  }
}
