package io.fleetwright.fleet;

import io.fleetwright.protocol.ChoriaCodec;
import io.fleetwright.protocol.DecodedReply;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.Request;
import io.fleetwright.protocol.Requests;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcRequest;
import io.fleetwright.protocol.Subjects;
import io.fleetwright.protocol.TransportHeaders;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small Choria client for the fleet's tests, built on the protocol codec: directed calls and
 * broadcast discovery with Go's reply subjects and sliding-window collection.
 */
final class WireClient implements AutoCloseable {
  static final String SENDER = "provisioner.test.local";
  static final String CALLER = "choria=provisioner.test.local";

  private final Connection connection;
  private final Map<String, ChoriaCodec> codecs = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<byte[]>> pending = new ConcurrentHashMap<>();
  private final Dispatcher dispatcher;
  private final Set<String> listening = new HashSet<>();

  WireClient(String url) throws Exception {
    connection =
        Nats.connect(new Options.Builder().server(url).connectionName("wire-client").build());
    dispatcher =
        connection.createDispatcher(
            msg -> {
              String subject = msg.getSubject();
              String id = subject.substring(subject.lastIndexOf('.') + 1);
              BlockingQueue<byte[]> queue = pending.get(id);
              if (queue != null) {
                queue.add(msg.getData());
              }
            });
    dispatcher.setPendingLimits(-1, -1);
  }

  Connection connection() {
    return connection;
  }

  ChoriaCodec codec(String collective) {
    return codecs.computeIfAbsent(
        collective, c -> new ChoriaCodec(c, ChoriaCodec.DEFAULT_MAX_MESSAGE_BYTES));
  }

  // One flush per new subscription only: concurrent flushes each send a PING and overrun the limit.
  private synchronized void listen(String collective) throws Exception {
    if (listening.add(collective)) {
      dispatcher.subscribe(Subjects.replyWildcard(collective, CALLER));
      connection.flush(Duration.ofSeconds(5));
    }
  }

  /**
   * Sends a request and collects replies until none arrive for {@code idle} or {@code max} passes.
   */
  List<DecodedReply> send(
      String subject, Request request, Duration idle, Duration max, int expected) throws Exception {
    String collective = request.envelope().collective();
    listen(collective);
    String id = request.envelope().requestId();
    BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    pending.put(id, queue);
    try {
      String replyTo = Subjects.reply(collective, CALLER, id);
      connection.publish(
          subject,
          codec(collective).encodeRequest(request, TransportHeaders.request(replyTo, SENDER)));
      List<DecodedReply> replies = new ArrayList<>();
      long deadline = System.nanoTime() + max.toNanos();
      while (replies.size() < expected) {
        long left = Math.min(idle.toNanos(), deadline - System.nanoTime());
        byte[] body = queue.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
        if (body == null) {
          break;
        }
        replies.add(codec(collective).decodeReply(body));
      }
      return replies;
    } finally {
      pending.remove(id);
    }
  }

  /** A directed RPC like the Go client's: filter {@code agent:[<agent>]}, one reply expected. */
  RpcReply call(String collective, String identity, RpcRequest rpc, Duration timeout)
      throws Exception {
    Request request =
        Requests.rpc(SENDER, CALLER, collective, rpc, Filter.agent(rpc.agent()), 60, Instant.now());
    List<DecodedReply> replies =
        send(Subjects.node(collective, identity), request, timeout, timeout, 1);
    if (replies.isEmpty()) {
      throw new AssertionError(
          "no reply from "
              + identity
              + " to "
              + rpc.agent()
              + "#"
              + rpc.action()
              + " within "
              + timeout);
    }
    DecodedReply reply = replies.get(0);
    if (!identity.equals(reply.envelope().senderId())) {
      throw new AssertionError(
          "reply from " + reply.envelope().senderId() + ", expected " + identity);
    }
    return reply.requireRpc();
  }

  /** Broadcast discovery as the Go provisioner does it; returns every reply. */
  List<DecodedReply> discover(String collective, Filter filter, int expected) throws Exception {
    Request ping = Requests.discovery(SENDER, CALLER, collective, filter, 60, Instant.now());
    return send(
        Subjects.broadcastAgent(collective, "discovery"),
        ping,
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        expected);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A second provisioner with another sender and caller id, for lock tests. */
  static final class Stranger implements AutoCloseable {
    private final Connection connection;
    private final ChoriaCodec codec = new ChoriaCodec();

    Stranger(String url) throws Exception {
      connection =
          Nats.connect(new Options.Builder().server(url).connectionName("stranger").build());
    }

    RpcReply call(String identity, RpcRequest rpc, Duration timeout) throws Exception {
      String caller = "choria=stranger.test.local";
      Request request =
          Requests.rpc(
              "stranger.test.local",
              caller,
              "provisioning",
              rpc,
              Filter.agent(rpc.agent()),
              60,
              Instant.now());
      String replyTo = Subjects.reply("provisioning", caller, request.envelope().requestId());
      Subscription sub = connection.subscribe(replyTo);
      connection.publish(
          Subjects.node("provisioning", identity),
          codec.encodeRequest(request, TransportHeaders.request(replyTo, "stranger.test.local")));
      Message msg = sub.nextMessage(timeout);
      if (msg == null) {
        throw new AssertionError("no reply from " + identity + " within " + timeout);
      }
      return codec.decodeReply(msg.getData()).requireRpc();
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
