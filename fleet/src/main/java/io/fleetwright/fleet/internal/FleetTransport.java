package io.fleetwright.fleet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.fleet.FleetException;
import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.LifecycleCodec;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.LifecycleFormat;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RegistrationData;
import io.fleetwright.protocol.Subjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet side of every node: spreads nodes over a few shared {@link BrokerLink}s, subscribes and
 * unsubscribes their subjects, publishes their lifecycle events and registration data, runs their
 * timers on virtual threads, and hands incoming requests to a {@link RequestHandler}.
 */
public final class FleetTransport implements NodeHost, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeSettings settings;
  private final LifecycleFormat lifecycleFormat;
  private final boolean registration;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean closed;
  private final Map<String, String> subjects = new ConcurrentHashMap<>();
  private final RequestHandler handler;
  private final List<BrokerLink> links = new ArrayList<>();
  private final long startedAt;

  /** Connects {@code connections} links to the settings' brokers. */
  public FleetTransport(
      NodeSettings settings,
      LifecycleFormat lifecycleFormat,
      boolean registration,
      int maxRequestBytes,
      int connections,
      java.util.function.Consumer<io.nats.client.Options.Builder> brokerOptions) {
    this.settings = settings;
    this.lifecycleFormat = lifecycleFormat;
    this.registration = registration;
    this.handler = new RequestHandler(settings.clock(), maxRequestBytes, executor);
    this.startedAt = settings.clock().instant().getEpochSecond();
    try {
      for (int i = 0; i < connections; i++) {
        links.add(
            BrokerLink.connect(
                settings.brokerUrls(),
                "fleetwright-fleet-" + (i + 1),
                brokerOptions,
                (link, msg) -> dispatch(link, msg.getSubject(), msg.getData())));
      }
    } catch (FleetException e) {
      close();
      throw e;
    }
  }

  private void dispatch(BrokerLink link, String subject, byte[] data) {
    try {
      executor.execute(() -> handler.handle(link, subject, data));
    } catch (RejectedExecutionException e) {
      LOG.debug("Dropped a request on {} because the fleet is closing", subject);
    }
  }

  @Override
  public NodeSettings settings() {
    return settings;
  }

  private BrokerLink linkOf(EmulatedNode node) {
    return links.get((node.index() - 1) % links.size());
  }

  @Override
  public void join(EmulatedNode node) {
    List<String> wanted = new ArrayList<>();
    for (String collective : node.collectives()) {
      wanted.add(Subjects.node(collective, node.identity()));
      for (String agent : node.agents()) {
        String key = collective + "/" + agent;
        wanted.add(subjects.computeIfAbsent(key, k -> Subjects.broadcastAgent(collective, agent)));
      }
    }
    BrokerLink link = linkOf(node);
    wanted.forEach(subject -> link.subscribe(subject, node));
    node.subscribed(wanted);
  }

  @Override
  public void leave(EmulatedNode node) {
    BrokerLink link = linkOf(node);
    node.subscribed().forEach(subject -> link.unsubscribe(subject, node));
    node.subscribed(List.of());
  }

  @Override
  public void announce(EmulatedNode node, String type) {
    String version = LifecycleEvent.STARTUP.equals(type) ? node.version() : null;
    LifecycleEvent event =
        LifecycleEvent.create(
            type, node.identity(), node.lifecycleComponent(), version, settings.clock().instant());
    linkOf(node).publish(event.subject(), LifecycleCodec.encode(event, lifecycleFormat));
  }

  @Override
  public void announceUpgraded(EmulatedNode node, String version, String newVersion) {
    LifecycleEvent event =
        LifecycleEvent.upgraded(
            node.identity(),
            node.lifecycleComponent(),
            version,
            newVersion,
            settings.clock().instant());
    linkOf(node).publish(event.subject(), LifecycleCodec.encode(event, lifecycleFormat));
  }

  @Override
  public void register(EmulatedNode node) {
    if (!registration) {
      return;
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("identity", node.identity());
    file.put("facts", node.facts());
    try {
      RegistrationData data =
          RegistrationData.of(
              node.identity(),
              settings.configDir() + "/registration.json",
              startedAt,
              false,
              JSON.writeValueAsBytes(file));
      byte[] body =
          handler
              .codec(Subjects.PROVISIONING)
              .encodeRegistration(data, "choria=" + node.identity(), settings.clock().instant());
      linkOf(node).publish(Subjects.REGISTRATION, body);
    } catch (JsonProcessingException | ProtocolException e) {
      LOG.warn("Could not publish registration data of {}: {}", node.identity(), e.getMessage());
    }
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    try {
      executor.execute(
          () -> {
            try {
              if (!delay.isZero()) {
                Thread.sleep(delay);
              }
              task.run();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              if (closed) {
                // The fleet closed its connections while the task ran; nothing was lost.
                LOG.debug("A node timer ran into the closing fleet: {}", e.toString());
              } else {
                LOG.warn("A scheduled node task failed: {}", e.toString());
              }
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("Skipped a node timer because the fleet is closing");
    }
  }

  /** Waits until every broker has processed the subscriptions and events sent so far. */
  public void flush(Duration timeout) {
    links.forEach(link -> link.flush(timeout));
  }

  /** Returns the links, for statistics. */
  public List<BrokerLink> links() {
    return List.copyOf(links);
  }

  /** Returns the codec used for one collective. */
  public ChoriaCodec codec(String collective) {
    return handler.codec(collective);
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    links.forEach(BrokerLink::close);
  }
}
