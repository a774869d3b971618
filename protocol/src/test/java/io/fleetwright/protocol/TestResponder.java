package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A tiny in-test Choria server for several identities, built on the codec: subscribes to their node
 * subjects and the broadcast agents, enforces the TTL, matches agent and identity filters, and
 * answers through a per-identity {@link Answer} (default: an OK reply, or pong for discovery).
 */
final class TestResponder implements AutoCloseable {

  /** What a node publishes to the reply-to subject for one request. */
  interface Answer {
    List<byte[]> replies(DecodedRequest request, String identity) throws Exception;
  }

  /** A request the responder saw. */
  record Received(String subject, String natsReplyTo, DecodedRequest request) {}

  static final Set<String> AGENTS =
      Set.of("choria_provision", "choria_util", "discovery", "rpcutil");

  private final ChoriaCodec codec = new ChoriaCodec();
  private final Connection connection;
  private final List<String> identities;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  TestResponder(String natsUrl, String... identities) throws Exception {
    this.identities = List.of(identities);
    this.connection = Nats.connect(natsUrl);
    Dispatcher dispatcher = connection.createDispatcher(this::handle);
    for (String identity : identities) {
      dispatcher.subscribe(Subjects.node("provisioning", identity));
    }
    for (String agent : AGENTS) {
      dispatcher.subscribe(Subjects.broadcastAgent("provisioning", agent));
    }
    connection.flush(Duration.ofSeconds(5));
  }

  TestResponder answer(String identity, Answer answer) {
    answers.put(identity, answer);
    return this;
  }

  ChoriaCodec codec() {
    return codec;
  }

  Connection connection() {
    return connection;
  }

  /** The default answer: OK with the node's identity, or {@code pong} to a discovery ping. */
  byte[] ok(DecodedRequest request, String identity) {
    Instant now = Instant.now();
    if (request.envelope().agent().equals("discovery")) {
      return codec.encodeReply(request, identity, "pong", now);
    }
    RpcRequest rpc = request.requireRpc();
    Map<String, Object> data =
        Map.of("identity", identity, "version", "0.30.2", "input", rpc.data());
    return codec.encodeRpcReply(request, identity, RpcReply.ok(rpc.action(), data), now);
  }

  private void handle(Message message) {
    DecodedRequest request = codec.decodeRequest(message.getSubject(), message.getData());
    received.add(
        new Received(
            message.getSubject(),
            message.getReplyTo() == null ? "" : message.getReplyTo(),
            request));
    if (!request.withinTtl(Instant.now())) {
      return;
    }
    for (String identity : identities) {
      if (addressed(message.getSubject(), request, identity)) {
        workers.execute(() -> answer(request, identity));
      }
    }
  }

  private boolean addressed(String subject, DecodedRequest request, String identity) {
    if (subject.contains(".node.")) {
      return subject.equals(Subjects.node("provisioning", identity));
    }
    Filter filter = request.envelope().filter();
    boolean identityOk = filter.identity().isEmpty() || filter.identity().contains(identity);
    return identityOk && AGENTS.containsAll(filter.agent());
  }

  private void answer(DecodedRequest request, String identity) {
    try {
      Answer answer = answers.getOrDefault(identity, (r, id) -> List.of(ok(r, id)));
      for (byte[] reply : answer.replies(request, identity)) {
        connection.publish(request.replyTo().orElseThrow(), reply);
      }
    } catch (Exception e) {
      throw new IllegalStateException("test responder for " + identity + " failed", e);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
