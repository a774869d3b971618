package io.fleetwright.protocol;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Choria v1 client (security off) on one NATS connection: directed and broadcast RPC, discovery,
 * lifecycle and registration subscriptions. Thread-safe; many activities share one instance.
 *
 * <p>Replies for every request arrive on one wildcard subscription, {@code
 * <collective>.reply.<md5(callerid)>.>}, made before any request is sent, and are routed by request
 * id. Bad replies (base64, JSON, hash, protocol, unknown request id, wrong sender) are dropped with
 * a WARN naming the subject and field, and counted in {@link #droppedMessages()}.
 */
public final class ChoriaClient implements AutoCloseable {

  /** The agent the discovery filter selects by default, as the Go provisioner does. */
  public static final String PROVISION_AGENT = "choria_provision";

  private static final Logger LOG = LoggerFactory.getLogger(ChoriaClient.class);

  private final ClientSettings settings;
  private final ChoriaCodec codec;
  private final Connection connection;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Exchanges exchanges;
  private final Set<NatsSubscription<?>> subscriptions = ConcurrentHashMap.newKeySet();

  private ChoriaClient(ClientSettings settings, Connection connection) {
    this.settings = settings;
    this.codec = new ChoriaCodec(settings.collective(), settings.maxMessageBytes());
    this.connection = connection;
    this.exchanges = new Exchanges(settings, codec, connection, dropped, closed);
    flush(settings.connectTimeout());
  }

  /**
   * Starts building a client.
   *
   * @return a builder
   */
  public static ChoriaClientBuilder builder() {
    return new ChoriaClientBuilder();
  }

  static ChoriaClient connect(ClientSettings settings) {
    Connection connection = Connections.open(settings);
    try {
      return new ChoriaClient(settings, connection);
    } catch (RuntimeException e) {
      Connections.closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Calls one action on one node: a directed request to {@code <collective>.node.<identity>} with
   * filter {@code agent:[agent]}. A reply whose {@code senderid} is another identity is ignored and
   * logged.
   *
   * @param identity the node
   * @param agent the agent, e.g. {@code rpcutil}
   * @param action the action, e.g. {@code inventory}
   * @param data the inputs; null means {@code {}}
   * @param timeout how long to wait for the reply
   * @return the node's reply, whatever its status code
   * @throws RpcTimeoutException when no valid reply arrives in time
   * @throws ProtocolException when the request cannot be built or sent
   */
  public RpcResult call(
      String identity,
      String agent,
      String action,
      @Nullable Map<String, Object> data,
      Duration timeout) {
    return call(identity, agent, action, data, timeout, null);
  }

  /**
   * Calls one action on one node, like {@link #call(String, String, String, Map, Duration)}, with a
   * request that the node drops from {@code validUntil} on: its {@code time} and {@code ttl} make
   * the node's TTL check fail from that second. A step that must not take effect after a deadline
   * (its Temporal activity attempt may be retried from then on) sends its requests this way, so a
   * stalled sender that wakes up late cannot change the node.
   *
   * @param identity the node
   * @param agent the agent
   * @param action the action
   * @param data the inputs; null means {@code {}}
   * @param timeout how long to wait for the reply
   * @param validUntil when the node starts dropping the request; null for the usual ttl
   * @return the node's reply, whatever its status code
   * @throws RpcTimeoutException when no valid reply arrives in time
   * @throws ProtocolException when the request cannot be built or sent, or {@code validUntil} has
   *     passed
   */
  public RpcResult call(
      String identity,
      String agent,
      String action,
      @Nullable Map<String, Object> data,
      Duration timeout,
      @Nullable Instant validUntil) {
    String subject = Subjects.node(settings.collective(), identity);
    RpcRequest rpc = new RpcRequest(agent, action, data);
    Request request =
        validUntil == null
            ? exchanges.rpcRequest(rpc, Filter.agent(agent))
            : exchanges.rpcRequest(rpc, Filter.agent(agent), validUntil);
    String id = request.envelope().requestId();
    PendingReplies pending = new PendingReplies(id, PendingReplies.Kind.RPC, identity, 1);
    List<PendingReplies.Accepted> accepted =
        exchanges.exchange(subject, request, pending, timeout, null);
    if (accepted.isEmpty()) {
      throw new RpcTimeoutException(identity, agent, action, timeout, id);
    }
    return new RpcResult(accepted.get(0).sender(), id, accepted.get(0).rpc());
  }

  /**
   * Calls one action on every node matching the filter, via {@code
   * <collective>.broadcast.agent.<agent>}. The agent is added to the filter. Collects replies until
   * the timeout, or until {@code expected} distinct nodes have answered.
   *
   * @param agent the agent
   * @param action the action
   * @param data the inputs; null means {@code {}}
   * @param filter the node filter; null means every node with the agent
   * @param timeout the longest wait
   * @param expected return as soon as this many nodes replied; 0 or less waits the full timeout
   * @return the replies in arrival order, one per node; empty when nobody answered
   */
  public List<RpcResult> broadcast(
      String agent,
      String action,
      @Nullable Map<String, Object> data,
      @Nullable Filter filter,
      Duration timeout,
      int expected) {
    String subject = Subjects.broadcastAgent(settings.collective(), agent);
    Filter selected = (filter == null ? Filter.empty() : filter).withAgent(agent);
    Request request = exchanges.rpcRequest(new RpcRequest(agent, action, data), selected);
    String id = request.envelope().requestId();
    PendingReplies pending = new PendingReplies(id, PendingReplies.Kind.RPC, null, expected);
    return exchanges.exchange(subject, request, pending, timeout, null).stream()
        .map(a -> new RpcResult(a.sender(), id, a.rpc()))
        .toList();
  }

  /**
   * Broadcast discovery as the Go provisioner does it: a {@code discovery} ping ({@code cGluZw==});
   * every replying node's {@code mc_sender} is a node. Ends at the timeout, or once no reply
   * arrived for the quiet window (300 ms by default) after the last one.
   *
   * @param filter the node filter; null means {@code agent:[choria_provision]}
   * @param timeout the longest wait
   * @return the identities that answered, deduplicated, in arrival order
   */
  public Set<String> discover(@Nullable Filter filter, Duration timeout) {
    Filter selected = filter == null ? Filter.agent(PROVISION_AGENT) : filter;
    Request request = exchanges.discoveryRequest(selected);
    String subject = Subjects.broadcastAgent(settings.collective(), Requests.DISCOVERY_AGENT);
    PendingReplies pending =
        new PendingReplies(request.envelope().requestId(), PendingReplies.Kind.DISCOVERY, null, 0);
    Set<String> nodes = new LinkedHashSet<>();
    exchanges
        .exchange(subject, request, pending, timeout, settings.quietWindow())
        .forEach(a -> nodes.add(a.sender()));
    return java.util.Collections.unmodifiableSet(nodes);
  }

  /**
   * Discovery with the default filter {@code agent:[choria_provision]}.
   *
   * @param timeout the longest wait
   * @return the identities that answered
   */
  public Set<String> discover(Duration timeout) {
    return discover(null, timeout);
  }

  /**
   * Receives lifecycle events on {@code choria.lifecycle.event.<type>.<component>} in either
   * format. Malformed events are dropped with a WARN naming the subject and field.
   *
   * @param type the event type, or {@code *} for every type
   * @param component the component, e.g. {@code provision_mode_server}, or {@code *}
   * @param consumer called on a dedicated thread for every valid event
   * @return the subscription; close it to stop
   */
  public Subscription onLifecycle(
      String type, String component, Consumer<LifecycleEvent> consumer) {
    String subject =
        "choria.lifecycle.event."
            + wildcardOrToken(type, "lifecycle type")
            + "."
            + wildcardOrToken(component, "lifecycle component");
    return subscribe(subject, m -> LifecycleCodec.parse(m.getSubject(), m.getData()), consumer);
  }

  /**
   * Receives {@code file_content} registration data on {@value Subjects#REGISTRATION}. Malformed
   * publishes are dropped with a WARN naming the subject and field.
   *
   * @param consumer called on a dedicated thread for every valid publish
   * @return the subscription; close it to stop
   */
  public Subscription onRegistration(Consumer<RegistrationData> consumer) {
    return onRegistration(Subjects.REGISTRATION, consumer);
  }

  /**
   * Receives {@code file_content} registration data on one of {@link
   * Subjects#REGISTRATION_SUBJECTS}, e.g. {@value Subjects#PROVISIONING_DATA} where older servers
   * publish it. Malformed publishes are dropped with a WARN naming the subject and field.
   *
   * @param subject one of {@link Subjects#REGISTRATION_SUBJECTS}
   * @param consumer called on a dedicated thread for every valid publish
   * @return the subscription; close it to stop
   */
  public Subscription onRegistration(String subject, Consumer<RegistrationData> consumer) {
    if (!Subjects.REGISTRATION_SUBJECTS.contains(subject)) {
      throw new ProtocolException(
          "registration data is published on "
              + Subjects.REGISTRATION_SUBJECTS
              + ", not on "
              + Checks.quote(subject));
    }
    return subscribe(subject, m -> codec.decodeRegistration(m.getSubject(), m.getData()), consumer);
  }

  /**
   * Publishes raw bytes.
   *
   * @param subject a subject without wildcards
   * @param payload the bytes, within the size limit
   */
  public void publish(String subject, byte[] payload) {
    Subjects.requirePublishable(subject);
    if (payload.length > settings.maxMessageBytes()) {
      throw new ProtocolException(
          "could not publish to "
              + subject
              + ": the message is "
              + payload.length
              + " bytes, over the limit of "
              + settings.maxMessageBytes());
    }
    ensureOpen();
    Connections.publish(connection, subject, payload);
  }

  /**
   * Publishes a lifecycle event in Choria format, as the Go provisioner publishes its own.
   *
   * @param event the event
   */
  public void publishLifecycle(LifecycleEvent event) {
    publishLifecycle(event, LifecycleFormat.CHORIA);
  }

  /**
   * Publishes a lifecycle event on its subject.
   *
   * @param event the event
   * @param format the encoding
   */
  public void publishLifecycle(LifecycleEvent event, LifecycleFormat format) {
    publish(event.subject(), LifecycleCodec.encode(event, format));
  }

  /**
   * Waits until everything published so far reached the server.
   *
   * @param timeout the longest wait
   * @throws ProtocolException when the server did not confirm in time
   */
  public void flush(Duration timeout) {
    ensureOpen();
    try {
      connection.flush(timeout);
    } catch (TimeoutException e) {
      throw new ProtocolException(
          "NATS did not confirm a flush within " + timeout + " for " + settings.identity(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException("interrupted while flushing NATS", e);
    }
  }

  /**
   * The client identity.
   *
   * @return {@code senderid} of every request
   */
  public String identity() {
    return settings.identity();
  }

  /**
   * The caller id.
   *
   * @return {@code callerid} of every request
   */
  public String callerId() {
    return settings.callerId();
  }

  /**
   * The collective.
   *
   * @return the collective of every request
   */
  public String collective() {
    return settings.collective();
  }

  /**
   * The codec this client uses.
   *
   * @return the codec
   */
  public ChoriaCodec codec() {
    return codec;
  }

  /**
   * Whether the NATS connection is currently up (it reconnects on its own).
   *
   * @return true when connected
   */
  public boolean connected() {
    return connection.getStatus() == Connection.Status.CONNECTED;
  }

  /**
   * How many received messages were dropped as invalid, late or unexpected since connecting.
   *
   * @return the count
   */
  public long droppedMessages() {
    return dropped.get();
  }

  int pendingRequests() {
    return exchanges.pending();
  }

  /** Fails every waiting call, ends every subscription and closes the connection. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    exchanges.failAll(
        new ProtocolException(
            "client " + settings.identity() + " closed while waiting for replies"));
    List.copyOf(subscriptions).forEach(NatsSubscription::close);
    Connections.closeQuietly(connection);
  }

  private <T> Subscription subscribe(
      String subject, Function<Message, T> parser, Consumer<T> consumer) {
    ensureOpen();
    NatsSubscription<T> subscription =
        new NatsSubscription<>(
            connection, subject, parser, consumer, dropped, subscriptions::remove);
    subscriptions.add(subscription);
    flush(settings.connectTimeout());
    return subscription;
  }

  private static String wildcardOrToken(String value, String what) {
    return "*".equals(value) ? value : NodeIdentity.validateToken(value, what);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new ProtocolException("the Choria client " + settings.identity() + " is closed");
    }
  }
}
