package io.fleetwright.app.discovery;

import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.Durations;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.NodeIdentity;
import io.fleetwright.protocol.Subjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds nodes in provisioning mode from three sources (startup lifecycle events, registration data
 * and a periodic broadcast discovery) and hands each sighting to the {@link NodeStarter}.
 */
public final class Discovery implements AutoCloseable {
  static final Duration BROADCAST_TIMEOUT = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final ChoriaClient client;
  private final NodeStarter starter;
  private final ProvisionerConfig config;
  private final MeterRegistry registry;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  // Discovery's threads are platform threads: every run of this process starts through them, so
  // they must not depend on the virtual-thread scheduler that the workflow tasks and activities
  // crowd (and that has had liveness defects of its own, see JdkDefects).
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("discovery").factory());
  private final java.util.concurrent.ExecutorService starts =
      Executors.newCachedThreadPool(
          Thread.ofPlatform().daemon().name("discovery-start-", 0).factory());
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
  private final NodeAdmission admission;
  private final Map<NodeIdentity, Sighting> waiting = new ConcurrentHashMap<>();
  private final BlockingQueue<NodeIdentity> order = new LinkedBlockingQueue<>();
  private final WaitingLimit limit;

  /** Nodes whose sighting the starter handles right now; a later one waits for it to end. */
  private final Set<NodeIdentity> starting = ConcurrentHashMap.newKeySet();

  private boolean closed;
  private final Thread admitter =
      Thread.ofPlatform().daemon().name("discovery-admission").unstarted(this::admit);

  /** Sightings the admitter has taken off the queue so far, for the {@link StallWatch}. */
  private final java.util.concurrent.atomic.AtomicLong taken =
      new java.util.concurrent.atomic.AtomicLong();

  /** The most telling sighting of a node that waits for admission (see {@link #telling}). */
  record Sighting(NodeIdentity identity, NodeStarter.Source source, java.time.Instant at) {}

  /**
   * Names the sources that are on, for the start-up log line.
   *
   * @param config the provisioner config
   * @return e.g. {@code startup events, registration data, broadcast every 1m}
   */
  public static String sources(ProvisionerConfig config) {
    ProvisionerConfig.Discovery sources = config.discovery();
    List<String> on = new java.util.ArrayList<>();
    if (sources.lifecycle()) {
      on.add("startup events");
    }
    if (sources.registration()) {
      on.add("registration data");
    }
    if (sources.broadcast()) {
      on.add("broadcast every " + Durations.format(config.interval()));
    }
    return on.isEmpty() ? "no source is on (discovery: all off)" : String.join(", ", on);
  }

  public Discovery(
      ChoriaClient client,
      NodeStarter starter,
      NodeAdmission admission,
      ProvisionerConfig config,
      MeterRegistry registry) {
    this.client = client;
    this.starter = starter;
    this.admission = admission;
    this.config = config;
    this.registry = registry;
    this.limit = new WaitingLimit(config.discovery().maxWaiting(), registry, config.site());
  }

  public void start() {
    startAdmitting();
    subscribe();
  }

  /** Starts handing sightings to the starter; the sources are not on yet. */
  void startAdmitting() {
    admitter.start();
    Gauge.builder("choria_provisioner_admission_waiting", waiting, Map::size)
        .description("nodes seen in provisioning mode that wait for room to start")
        .tag("site", config.site())
        .register(registry);
    Gauge.builder("choria_provisioner_admission_active", admission, NodeAdmission::active)
        .description("node runs this process has in their active phase (at most 2 x workers)")
        .tag("site", config.site())
        .register(registry);
  }

  private void subscribe() {
    ProvisionerConfig.Discovery sources = config.discovery();
    if (sources.lifecycle()) {
      subscriptions.add(
          client.onLifecycle(
              LifecycleEvent.STARTUP,
              config.lifecycleComponent(),
              event ->
                  seen(
                      NodeIdentity.of(event.identity()),
                      NodeStarter.Source.LIFECYCLE,
                      java.time.Instant.ofEpochSecond(event.timestamp()))));
    }
    if (sources.registration()) {
      // Registration data carries no time of its own and can sit minutes in the queue under
      // load: it may start a node's first run, never a second one after a successful run.
      // Older servers publish it on choria.provisioning_data, newer ones on
      // provisioning.registration.data; both are read.
      for (String subject : Subjects.REGISTRATION_SUBJECTS) {
        subscriptions.add(
            client.onRegistration(
                subject,
                data ->
                    seen(
                        NodeIdentity.of(data.identity()),
                        NodeStarter.Source.REGISTRATION,
                        java.time.Instant.EPOCH)));
      }
    }
    if (sources.broadcast()) {
      timer.scheduleWithFixedDelay(
          this::broadcast, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** How many sightings are queued and not yet taken by the admitter (for tests). */
  int queuedCount() {
    return order.size();
  }

  /** How many nodes were seen and wait for admission now. */
  public int waitingCount() {
    return waiting.size();
  }

  /** How many sightings were taken off the queue so far; it grows while discovery works. */
  public long takenCount() {
    return taken.get();
  }

  /** One broadcast discovery round; also what {@code provisioner discover} does. */
  void broadcast() {
    java.time.Instant round = java.time.Instant.now();
    try {
      Set<String> found = client.discover(Filter.agent("choria_provision"), BROADCAST_TIMEOUT);
      counter("choria_provisioner_discover_cycles", "broadcast discovery rounds").increment();
      LOG.debug("broadcast discovery found {} nodes", found.size());
      found.forEach(
          identity -> seen(NodeIdentity.of(identity), NodeStarter.Source.BROADCAST, round));
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // close() stopped the round: expected at shutdown, not a failure.
        LOG.debug("broadcast discovery stopped: {}", e.getMessage());
        return;
      }
      counter("choria_provisioner_discovery_errors", "broadcast discovery rounds that failed")
          .increment();
      LOG.warn("broadcast discovery failed: {}", e.getMessage());
    }
  }

  /**
   * {@code sightedAt} is when the node was in provisioning mode, not when this runs. The identity
   * was checked where it came off the wire (the event, the registration data, the discovery reply).
   */
  void seen(NodeIdentity identity, NodeStarter.Source source, java.time.Instant sightedAt) {
    Counter.builder("choria_provisioner_discovered")
        .description("nodes seen in provisioning mode, by discovery source")
        .tags("site", config.site(), "source", source.label())
        .register(registry)
        .increment();
    // Never blocks the NATS dispatcher: a node waits here, once, for admission, while there is
    // room; past discovery.max_waiting a new node's sighting is dropped (see WaitingLimit).
    Sighting fresh = new Sighting(identity, source, sightedAt);
    boolean[] queued = {false};
    waiting.compute(
        identity,
        (id, earlier) -> {
          if (earlier != null) {
            return telling(earlier, fresh);
          }
          queued[0] = limit.reserve(id);
          return queued[0] ? fresh : null;
        });
    if (queued[0]) {
      order.offer(identity);
    }
  }

  /**
   * Of two sightings of one node waiting together, the one that tells the starter most: a startup
   * event (its boot time decides whether a failed node heals at once), then a broadcast round (it
   * has a time), then registration; the later one of the same kind.
   */
  static Sighting telling(Sighting a, Sighting b) {
    if (a.source() != b.source()) {
      return a.source().ordinal() < b.source().ordinal() ? a : b;
    }
    return b.at().isBefore(a.at()) ? a : b;
  }

  /**
   * Starts waiting nodes as admission allows, so a burst of new nodes queues here instead of
   * crowding out the runs already under way (see {@link NodeAdmission}).
   */
  private void admit() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Sighting sighting = waiting.remove(order.take());
        taken.incrementAndGet();
        if (sighting != null) {
          limit.release();
          admit(sighting);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void admit(Sighting s) throws InterruptedException {
    NodeIdentity node = s.identity();
    if (!starting.add(node)) {
      // Another sighting of this node is with the starter: this one (a reboot's startup event
      // right behind its registration data, say) is handled after it, never dropped.
      waitBehind(s);
      return;
    }
    String workflowId = WorkflowIds.node(node.value());
    if (!admission.admit(workflowId)) {
      // Its run is active in this process right now: the run sees the node as it is.
      finished(node);
      count(NodeStarter.Outcome.ALREADY_RUNNING);
      return;
    }
    // Starting a workflow is a network call: do it off this thread, bounded.
    inFlight.acquire();
    starts.execute(
        () -> {
          boolean started = false;
          try {
            NodeStarter.Outcome outcome = starter.seen(node, s.source(), s.at());
            started = outcome == NodeStarter.Outcome.STARTED;
            count(outcome);
          } finally {
            inFlight.release();
            if (!started) {
              admission.release(workflowId);
            }
            finished(node);
          }
        });
  }

  private void waitBehind(Sighting s) {
    NodeIdentity node = s.identity();
    waiting.compute(
        node,
        (id, earlier) -> {
          if (earlier == null) {
            limit.hold(); // never dropped: it waits behind a sighting the starter has now
            return s;
          }
          return telling(earlier, s);
        });
    if (!starting.contains(node)) {
      order.offer(node); // the other sighting ended meanwhile; a second offer finds nothing
    }
  }

  private void finished(NodeIdentity node) {
    starting.remove(node);
    if (waiting.containsKey(node)) {
      order.offer(node);
    }
  }

  private void count(NodeStarter.Outcome outcome) {
    Counter.builder("choria_provisioner_sightings")
        .description("sightings handled by the starter, by what they led to")
        .tags("site", config.site(), "outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tag("site", config.site())
        .register(registry);
  }

  /** Stops finding nodes; starts already handed over finish first. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    admitter.interrupt();
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.debug("closing a discovery subscription: {}", e.getMessage());
      }
    }
    starts.shutdown();
    try {
      starts.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
