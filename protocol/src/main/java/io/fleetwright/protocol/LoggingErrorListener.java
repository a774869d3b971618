package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jnats's asynchronous errors to the log instead of stderr. Until the first connection is
 * made they are only kept (and logged at DEBUG): the connect call then reports the last one as one
 * line that names the setting to fix.
 */
final class LoggingErrorListener implements ErrorListener {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingErrorListener.class);

  private final String identity;
  private volatile boolean connecting = true;
  private final AtomicReference<@Nullable String> serverError = new AtomicReference<>();
  private final AtomicReference<@Nullable Exception> exception = new AtomicReference<>();

  LoggingErrorListener(String identity) {
    this.identity = identity;
  }

  /** The first connection is up: from now on errors are logged at WARN. */
  void connected() {
    connecting = false;
  }

  /** The last error the server sent while connecting, e.g. {@code Authorization Violation}. */
  @Nullable String serverError() {
    return serverError.get();
  }

  /** The last exception seen while connecting, e.g. a TLS handshake failure. */
  @Nullable Exception exception() {
    return exception.get();
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    if (connecting) {
      serverError.set(error);
      LOG.debug("NATS error while {} connects: {}", identity, error);
      return;
    }
    LOG.warn("NATS error on the connection of {}: {}", identity, error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    if (connecting) {
      exception.set(exp);
      LOG.debug("NATS exception while {} connects: {}", identity, exp.toString());
      return;
    }
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
