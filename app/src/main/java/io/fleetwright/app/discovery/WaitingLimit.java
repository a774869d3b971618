package io.fleetwright.app.discovery;

import io.fleetwright.protocol.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on sightings that wait for admission ({@code discovery.max_waiting}): a flood of made-up
 * identities on the broker cannot grow the queue without end. A dropped sighting is counted and
 * logged at most once per {@link #LOG_INTERVAL}; a real node is found again by its next sighting.
 */
final class WaitingLimit {
  static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final int max;
  private final AtomicInteger held = new AtomicInteger();
  private final Counter dropped;
  private final AtomicLong droppedSinceLog = new AtomicLong();
  private final AtomicLong lastLog;

  WaitingLimit(int max, MeterRegistry registry, String site) {
    this.max = max;
    this.dropped =
        Counter.builder("choria_provisioner_admission_dropped")
            .description(
                "sightings dropped because discovery.max_waiting nodes already wait for admission")
            .tag("site", site)
            .register(registry);
    this.lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL.toNanos());
  }

  /** Takes a place in the queue; false when it is full and the sighting was dropped. */
  boolean reserve(NodeIdentity identity) {
    if (held.getAndUpdate(n -> n < max ? n + 1 : n) < max) {
      return true;
    }
    dropped.increment();
    droppedSinceLog.incrementAndGet();
    logNowAndThen(identity);
    return false;
  }

  /** Takes a place whatever the cap: a later sighting of a node already being started. */
  void hold() {
    held.incrementAndGet();
  }

  /** Gives a place back when a waiting sighting goes to the starter. */
  void release() {
    held.decrementAndGet();
  }

  private void logNowAndThen(NodeIdentity identity) {
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last < LOG_INTERVAL.toNanos() || !lastLog.compareAndSet(last, now)) {
      return;
    }
    LOG.warn(
        "discovery dropped {} sightings of new nodes (at most one such line every {}s; the"
            + " latest {}): {} nodes already wait for admission (discovery.max_waiting). A real"
            + " node is found again by its next"
            + " sighting; if this is a genuine burst, raise discovery.max_waiting, else look for"
            + " who publishes these identities on the provisioning collective",
        droppedSinceLog.getAndSet(0),
        LOG_INTERVAL.toSeconds(),
        identity,
        max);
  }
}
