package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests and collects their replies. Replies arrive on one wildcard subscription made
 * before the first request (or, for measurements, one subscription per request) and are routed by
 * request id.
 */
final class Exchanges {

  private static final Logger LOG = LoggerFactory.getLogger(ChoriaClient.class);

  private final ClientSettings settings;
  private final ChoriaCodec codec;
  private final Connection connection;
  private final ReplyRouter router;
  private final Dispatcher replies;
  private final AtomicBoolean closed;

  Exchanges(
      ClientSettings settings,
      ChoriaCodec codec,
      Connection connection,
      AtomicLong dropped,
      AtomicBoolean closed) {
    this.settings = settings;
    this.codec = codec;
    this.connection = connection;
    this.closed = closed;
    this.router = new ReplyRouter(codec, dropped);
    this.replies = connection.createDispatcher(router::onMessage);
    if (settings.sharedReplySubscription()) {
      replies.subscribe(Subjects.replyWildcard(settings.collective(), settings.callerId()));
    }
  }

  Request rpcRequest(RpcRequest rpc, Filter filter) {
    return Requests.rpc(
        settings.identity(),
        settings.callerId(),
        settings.collective(),
        rpc,
        filter,
        settings.ttl().toSeconds(),
        settings.clock().instant());
  }

  Request rpcRequest(RpcRequest rpc, Filter filter, Instant validUntil) {
    return Requests.rpcExpiringAt(
        settings.identity(),
        settings.callerId(),
        settings.collective(),
        rpc,
        filter,
        settings.ttl().toSeconds(),
        settings.clock().instant(),
        validUntil);
  }

  Request discoveryRequest(Filter filter) {
    return Requests.discovery(
        settings.identity(),
        settings.callerId(),
        settings.collective(),
        filter,
        settings.ttl().toSeconds(),
        settings.clock().instant());
  }

  /** Publishes the request to the subject and waits for the pending replies. */
  List<PendingReplies.Accepted> exchange(
      String subject,
      Request request,
      PendingReplies pending,
      Duration timeout,
      @Nullable Duration quietWindow) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new ProtocolException("timeout must be positive, got " + timeout);
    }
    if (closed.get()) {
      throw new ProtocolException("the Choria client " + settings.identity() + " is closed");
    }
    String replyTo =
        Subjects.reply(settings.collective(), settings.callerId(), pending.requestId());
    byte[] bytes = codec.encodeRequest(request, headers(replyTo));
    router.register(pending);
    try {
      if (!settings.sharedReplySubscription()) {
        replies.subscribe(replyTo);
      }
      Connections.publish(connection, subject, bytes);
      LOG.debug(
          "Sent {} request {} to {}", request.envelope().agent(), pending.requestId(), subject);
      return pending.await(timeout, quietWindow);
    } finally {
      if (!settings.sharedReplySubscription() && !closed.get()) {
        replies.unsubscribe(replyTo);
      }
      router.unregister(pending);
    }
  }

  int pending() {
    return router.size();
  }

  void failAll(ProtocolException e) {
    router.failAll(e);
  }

  private TransportHeaders headers(String replyTo) {
    TransportHeaders headers = TransportHeaders.request(replyTo, settings.identity());
    String url = connection.getConnectedUrl();
    return url == null ? headers : headers.withHop(url, settings.identity(), url);
  }
}
