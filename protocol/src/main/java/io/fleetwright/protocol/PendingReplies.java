package io.fleetwright.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies collected for one outstanding request. The reply dispatcher offers decoded replies;
 * the calling thread waits until enough arrived, the quiet window passed, or the deadline.
 */
final class PendingReplies {

  /**
   * How replies are read: RPC bodies counted by {@code senderid}, or discovery by {@code
   * mc_sender}.
   */
  enum Kind {
    RPC,
    DISCOVERY
  }

  /** One accepted reply. */
  record Accepted(String sender, DecodedReply reply, @Nullable RpcReply rpc) {}

  private static final Logger LOG = LoggerFactory.getLogger(PendingReplies.class);

  private final String requestId;
  private final Kind kind;
  private final @Nullable String expectedSender;
  private final int expected;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<Accepted> replies = new ArrayList<>();
  private final Set<String> senders = new LinkedHashSet<>();
  private long lastArrival;
  private @Nullable ProtocolException failure;

  PendingReplies(String requestId, Kind kind, @Nullable String expectedSender, int expected) {
    this.requestId = requestId;
    this.kind = kind;
    this.expectedSender = expectedSender;
    this.expected = expected;
  }

  String requestId() {
    return requestId;
  }

  /**
   * Accepts or drops one reply; drops are logged naming the subject and field.
   *
   * @return true when accepted
   */
  boolean offer(DecodedReply reply) {
    String where = "Dropped reply on " + reply.subject() + ": ";
    String sender =
        kind == Kind.DISCOVERY ? reply.headers().mcSender() : reply.envelope().senderId();
    String field = kind == Kind.DISCOVERY ? "transport.headers.mc_sender" : "envelope.senderid";
    if (sender == null) {
      LOG.warn("{}{} is missing", where, field);
      return false;
    }
    if (!NodeIdentity.isValid(sender)) {
      LOG.warn("{}{} \"{}\" is not a valid identity", where, field, sender);
      return false;
    }
    if (expectedSender != null && !expectedSender.equals(sender)) {
      LOG.warn(
          "{}{} \"{}\" is not the targeted identity \"{}\" (request {})",
          where,
          field,
          sender,
          expectedSender,
          requestId);
      return false;
    }
    RpcReply rpc = null;
    if (kind == Kind.RPC) {
      try {
        rpc = reply.requireRpc();
      } catch (ProtocolException e) {
        LOG.warn("Dropped {}", e.getMessage());
        return false;
      }
    }
    return add(new Accepted(sender, reply, rpc), where);
  }

  private boolean add(Accepted accepted, String where) {
    lock.lock();
    try {
      if (!senders.add(accepted.sender())) {
        LOG.warn("{}duplicate reply from {} to request {}", where, accepted.sender(), requestId);
        return false;
      }
      replies.add(accepted);
      lastArrival = System.nanoTime();
      arrived.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the waiting thread with a failure, e.g. because the client closed. */
  void fail(ProtocolException e) {
    lock.lock();
    try {
      failure = e;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code expected} replies arrived (when positive), the quiet window after the last
   * reply passed (when given and at least one reply arrived), or the timeout.
   */
  List<Accepted> await(Duration timeout, @Nullable Duration quietWindow) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (failure == null && (expected <= 0 || replies.size() < expected)) {
        long until = deadline;
        if (quietWindow != null && !replies.isEmpty()) {
          until = Math.min(deadline, lastArrival + quietWindow.toNanos());
        }
        long remaining = until - System.nanoTime();
        if (remaining <= 0) {
          break;
        }
        arrived.awaitNanos(remaining);
      }
      if (failure != null) {
        throw failure;
      }
      return List.copyOf(replies);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException(
          "interrupted while waiting for replies to request " + requestId, e);
    } finally {
      lock.unlock();
    }
  }
}
