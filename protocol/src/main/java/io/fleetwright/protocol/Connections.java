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

  private Connections() {}

  static Connection open(ClientSettings settings) {
    Options options =
        new Options.Builder()
            .servers(settings.natsUrls().toArray(String[]::new))
            .connectionName(settings.identity())
            .connectionTimeout(settings.connectTimeout())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
            .connectionListener(
                (conn, event) ->
                    LOG.info("NATS connection of {}: {}", settings.identity(), event.getEvent()))
            .errorListener(new LoggingErrorListener(settings.identity()))
            .build();
    try {
      return Nats.connect(options);
    } catch (IOException e) {
      throw new ProtocolException(
          "could not connect to NATS at "
              + String.join(",", settings.natsUrls())
              + " as "
              + settings.identity()
              + ": "
              + e.getMessage()
              + "; check that nats-server is running and the URL is right",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException("interrupted while connecting to NATS", e);
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
