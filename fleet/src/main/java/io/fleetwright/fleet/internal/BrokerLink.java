package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NATS connection shared by many nodes. Each subject is subscribed once, whatever the number of
 * nodes behind it, and incoming messages are routed to those nodes in-process.
 */
public final class BrokerLink implements Wire, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

  private final Connection connection;
  private final Dispatcher dispatcher;
  private final ConcurrentHashMap<String, Set<EmulatedNode>> routes = new ConcurrentHashMap<>();

  private BrokerLink(Connection connection, BiConsumer<BrokerLink, Message> handler) {
    this.connection = connection;
    this.dispatcher = connection.createDispatcher(msg -> handler.accept(this, msg));
    // Bursts of broadcast requests must queue, not be dropped as a slow consumer.
    this.dispatcher.setPendingLimits(-1, -1);
  }

  /** Connects to the brokers; {@code name} is the NATS connection name. */
  public static BrokerLink connect(
      List<String> urls,
      String name,
      java.util.function.Consumer<Options.Builder> extra,
      BiConsumer<BrokerLink, Message> handler) {
    Options.Builder options =
        Options.builder()
            .servers(urls.toArray(String[]::new))
            .connectionName(name)
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
            .connectionTimeout(Duration.ofSeconds(5))
            .maxMessagesInOutgoingQueue(200_000)
            // jnats' 2 s is too short when the machine is saturated; a dropped reply costs a retry
            .writeQueuePushTimeout(Duration.ofSeconds(10))
            .errorListener(new LoggingErrors(name));
    extra.accept(options);
    try {
      return new BrokerLink(Nats.connect(options.build()), handler);
    } catch (IOException e) {
      throw new FleetException(
          "Could not connect to NATS at "
              + urls
              + ": "
              + e.getMessage()
              + "; is nats-server running there?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("Interrupted while connecting to NATS at " + urls, e);
    }
  }

  /** Routes {@code subject} to {@code node}, subscribing on the wire when it is the first. */
  public void subscribe(String subject, EmulatedNode node) {
    routes.compute(
        subject,
        (key, nodes) -> {
          Set<EmulatedNode> set = nodes == null ? ConcurrentHashMap.newKeySet() : nodes;
          if (nodes == null) {
            dispatcher.subscribe(subject);
          }
          set.add(node);
          return set;
        });
  }

  /** Stops routing {@code subject} to {@code node}, unsubscribing when it was the last. */
  public void unsubscribe(String subject, EmulatedNode node) {
    routes.computeIfPresent(
        subject,
        (key, nodes) -> {
          nodes.remove(node);
          if (nodes.isEmpty()) {
            dispatcher.unsubscribe(subject);
            return null;
          }
          return nodes;
        });
  }

  /** Returns the nodes subscribed to {@code subject} now. */
  @Override
  public Set<EmulatedNode> routes(String subject) {
    Set<EmulatedNode> nodes = routes.get(subject);
    return nodes == null ? Set.of() : nodes;
  }

  /** Returns the number of subjects subscribed on the wire. */
  public int subscriptions() {
    return routes.size();
  }

  /** Publishes {@code body} on {@code subject}. */
  @Override
  public void publish(String subject, byte[] body) {
    try {
      connection.publish(subject, body);
    } catch (IllegalStateException e) {
      // Only happens once the fleet is closing; the message would have gone nowhere anyway.
      LOG.debug("Not published on {}: {}", subject, e.getMessage());
    }
  }

  /** Returns the URL of the broker it is connected to, or an empty string while reconnecting. */
  @Override
  public String connectedUrl() {
    String url = connection.getConnectedUrl();
    return url == null ? "" : url;
  }

  /** Waits until the broker has processed everything sent so far. */
  public void flush(Duration timeout) {
    try {
      connection.flush(timeout);
    } catch (TimeoutException e) {
      throw new FleetException(
          "NATS at " + connectedUrl() + " did not confirm subscriptions within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("Interrupted while flushing to NATS at " + connectedUrl(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record LoggingErrors(String name) implements ErrorListener {
    @Override
    public void errorOccurred(Connection conn, String error) {
      LOG.warn("NATS connection {} reported: {}", name, error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      LOG.warn("NATS connection {} failed: {}", name, exp.toString());
    }

    @Override
    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
      LOG.warn("NATS connection {} is a slow consumer; requests may be lost", name);
    }
  }
}
