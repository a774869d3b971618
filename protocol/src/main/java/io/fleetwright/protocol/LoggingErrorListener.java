package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends jnats's asynchronous errors to the log instead of stderr. */
final class LoggingErrorListener implements ErrorListener {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingErrorListener.class);

  private final String identity;

  LoggingErrorListener(String identity) {
    this.identity = identity;
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.warn("NATS error on the connection of {}: {}", identity, error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    LOG.warn("NATS exception on the connection of {}: {}", identity, exp.toString());
  }

  @Override
  public void slowConsumerDetected(Connection conn, Consumer consumer) {
    LOG.warn(
        "NATS slow consumer on the connection of {}: messages are being dropped because a"
            + " subscriber cannot keep up",
        identity);
  }
}
