package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription on its own dispatcher thread, so a slow consumer cannot stall the others. Parse
 * failures are dropped with a WARN naming the subject and field; consumer failures are logged; the
 * subscription carries on either way.
 */
final class NatsSubscription<T> implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(NatsSubscription.class);

  private final Connection connection;
  private final String subject;
  private final Function<Message, T> parser;
  private final Consumer<T> consumer;
  private final AtomicLong dropped;
  private final Consumer<NatsSubscription<?>> onClose;
  private final AtomicBoolean active = new AtomicBoolean(true);
  private final Dispatcher dispatcher;

  NatsSubscription(
      Connection connection,
      String subject,
      Function<Message, T> parser,
      Consumer<T> consumer,
      AtomicLong dropped,
      Consumer<NatsSubscription<?>> onClose) {
    this.connection = connection;
    this.subject = subject;
    this.parser = parser;
    this.consumer = consumer;
    this.dropped = dropped;
    this.onClose = onClose;
    this.dispatcher = connection.createDispatcher(this::handle);
    dispatcher.subscribe(subject);
  }

  private void handle(Message message) {
    T value;
    try {
      value = parser.apply(message);
    } catch (ProtocolException e) {
      dropped.incrementAndGet();
      LOG.warn("Dropped {}", e.getMessage());
      return;
    } catch (RuntimeException e) {
      dropped.incrementAndGet();
      LOG.warn("Dropped message on {}: could not be read ({})", message.getSubject(), e, e);
      return;
    }
    try {
      consumer.accept(value);
    } catch (RuntimeException e) {
      LOG.error(
          "The consumer of {} failed on a message from {}; the subscription carries on",
          subject,
          message.getSubject(),
          e);
    }
  }

  @Override
  public String subject() {
    return subject;
  }

  @Override
  public boolean active() {
    return active.get() && connection.getStatus() != Connection.Status.CLOSED;
  }

  @Override
  public void close() {
    if (active.compareAndSet(true, false)) {
      try {
        connection.closeDispatcher(dispatcher);
      } catch (IllegalStateException e) {
        LOG.debug("Dispatcher of {} already gone: {}", subject, e.getMessage());
      }
      onClose.accept(this);
    }
  }
}
