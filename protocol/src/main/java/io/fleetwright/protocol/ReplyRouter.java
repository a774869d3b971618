package io.fleetwright.protocol;

import io.nats.client.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every message on the client's reply subjects to the outstanding request it answers, by
 * request id. Runs on the NATS dispatcher thread and never throws: bad replies are dropped with a
 * WARN naming the subject and field.
 */
final class ReplyRouter {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyRouter.class);
  private static final int RECENT = 4096;

  private final ChoriaCodec codec;
  private final Map<String, PendingReplies> pending = new ConcurrentHashMap<>();
  private final Set<String> finished =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > RECENT;
                }
              }));
  private final AtomicLong dropped;

  ReplyRouter(ChoriaCodec codec, AtomicLong dropped) {
    this.codec = codec;
    this.dropped = dropped;
  }

  void register(PendingReplies replies) {
    pending.put(replies.requestId(), replies);
  }

  void unregister(PendingReplies replies) {
    pending.remove(replies.requestId());
    finished.add(replies.requestId());
  }

  int size() {
    return pending.size();
  }

  void failAll(ProtocolException e) {
    pending.values().forEach(p -> p.fail(e));
  }

  void onMessage(Message message) {
    try {
      route(message);
    } catch (RuntimeException e) {
      dropped.incrementAndGet();
      LOG.error("Dropped reply on {}: unexpected failure {}", message.getSubject(), e, e);
    }
  }

  private void route(Message message) {
    String subject = message.getSubject();
    DecodedReply reply;
    try {
      reply = codec.decodeReply(subject, message.getData());
    } catch (ProtocolException e) {
      dropped.incrementAndGet();
      LOG.warn("Dropped {}", e.getMessage());
      return;
    }
    String requestId = reply.envelope().requestId();
    String token = subject.substring(subject.lastIndexOf('.') + 1);
    if (!token.equals(requestId)) {
      dropped.incrementAndGet();
      LOG.warn(
          "Dropped reply on {}: envelope.requestid {} does not match the request id in the reply"
              + " subject",
          subject,
          requestId);
      return;
    }
    PendingReplies target = pending.get(requestId);
    if (target == null) {
      dropped.incrementAndGet();
      if (finished.contains(requestId)) {
        LOG.debug("Dropped late reply on {} from {}", subject, reply.envelope().senderId());
      } else {
        LOG.warn(
            "Dropped reply on {}: envelope.requestid {} is not a request this client sent",
            subject,
            requestId);
      }
      return;
    }
    if (!target.offer(reply)) {
      dropped.incrementAndGet();
    }
  }
}
