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
    LoggingErrorListener errors = new LoggingErrorListener(settings.identity());
    Options.Builder options =
        new Options.Builder()
            .servers(settings.natsUrls().toArray(String[]::new))
            .connectionName(settings.identity())
            .connectionTimeout(settings.connectTimeout())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
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

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
