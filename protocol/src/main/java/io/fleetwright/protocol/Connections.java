package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the client's NATS connection: reconnects for ever, logs connection events and errors. */
final class Connections {

  private static final Logger LOG = LoggerFactory.getLogger(ChoriaClient.class);

  /**
   * How long a publish waits for the client's write queue. jnats' default of 2 s is too short for a
   * worker at 100% CPU with hundreds of threads publishing: the queue's lock holder may simply not
   * be scheduled for that long, and the publish then fails with "Output queue is busy".
   */
  static final Duration WRITE_QUEUE_PUSH_TIMEOUT = Duration.ofSeconds(10);

  private Connections() {}

  static Connection open(ClientSettings settings) {
    LoggingErrorListener errors = new LoggingErrorListener(settings.identity());
    Options.Builder options =
        new Options.Builder()
            .servers(settings.natsUrls().toArray(String[]::new))
            .connectionName(settings.identity())
            .connectionTimeout(settings.connectTimeout())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
            .writeQueuePushTimeout(WRITE_QUEUE_PUSH_TIMEOUT)
            .connectionListener(
                (conn, event) ->
                    LOG.info("NATS connection of {}: {}", settings.identity(), event.getEvent()))
            .errorListener(errors);
    settings.security().apply(options);
    settings.security().applyDefaultTls(options, settings.natsUrls());
    Options built = options.build();
    try {
      Connection connection = Nats.connect(built);
      errors.connected();
      return connection;
    } catch (IOException e) {
      throw ConnectFailures.explain(settings, e, errors.serverError(), errors.exception());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException("interrupted while connecting to NATS", e);
    }
  }

  /**
   * Publishes, turning the client's refusal (write queue busy or full, connection closed) into a
   * {@link ProtocolException}: nothing went out, so the caller may try again.
   */
  static void publish(Connection connection, String subject, byte[] bytes) {
    try {
      connection.publish(subject, bytes);
    } catch (IllegalStateException e) {
      throw new ProtocolException(
          "could not publish to "
              + subject
              + ": the NATS client refused the message ("
              + e.getMessage()
              + "); nothing was sent. A busy write queue means the process was starved of CPU"
              + " for over "
              + WRITE_QUEUE_PUSH_TIMEOUT.toSeconds()
              + " s; a closed one means the connection was closed",
          e);
    }
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
