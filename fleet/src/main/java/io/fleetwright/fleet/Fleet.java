package io.fleetwright.fleet;

import io.fleetwright.fleet.internal.EmulatedNode;
import io.fleetwright.fleet.internal.FleetTransport;
import io.fleetwright.fleet.internal.NodeFaults;
import io.fleetwright.fleet.internal.NodeHost;
import io.fleetwright.fleet.internal.NodeSettings;
import io.fleetwright.fleet.internal.RsaKeys;
import io.fleetwright.fleet.internal.SplayPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated fleet of provisioning-mode Choria servers in one JVM, speaking the real wire protocol
 * over a few shared NATS connections.
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.builder().nodes(1000).natsUrl(nats.url()).token("s3cret").build().start()) {
 *   fleet.awaitCount(NodeMode.PROVISIONED, 1000, Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>Nodes exist from construction; {@link #start()} finds the brokers, connects, and boots every
 * node (subscriptions, startup event, registration data).
 */
public final class Fleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final Duration POLL = Duration.ofMillis(20);

  private final FleetOptions options;
  private final List<EmulatedNode> nodes;
  private final Map<String, EmulatedNode> byIdentity;
  private final Host host = new Host();
  private final RsaKeys rsaKeys;
  private volatile FleetTransport transport;
  private volatile boolean closed;

  private Fleet(FleetOptions options) {
    this.options = options;
    List<EmulatedNode> list = new ArrayList<>(options.nodes());
    Map<String, EmulatedNode> index = new LinkedHashMap<>();
    NodeTemplate template = options.template();
    for (int i = 1; i <= options.nodes(); i++) {
      String identity = template.identity(i);
      NodeFaults faults = NodeFaults.of(options.faults().faultsFor(options.seed(), i, identity));
      EmulatedNode node =
          new EmulatedNode(i, identity, template.factsFor(options.seed(), i), faults, host);
      node.puppetProfile(options.puppet(), options.seed());
      if (index.put(identity, node) != null) {
        throw new FleetException(
            "identityPattern '"
                + template.identityPattern()
                + "' gives node "
                + i
                + " the identity "
                + identity
                + " of an earlier node; widen the number, e.g. %06d");
      }
      list.add(node);
    }
    this.nodes = Collections.unmodifiableList(list);
    this.byIdentity = index;
    // Made here, not in start(), so a benchmark's clock does not include the pool.
    this.rsaKeys = options.rsaKeyPool() == 0 ? RsaKeys.FRESH : RsaKeys.pool(options.rsaKeyPool());
  }

  /** Returns a builder; {@code build()} validates the options and creates the fleet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Creates a fleet from validated options. */
  public static Fleet create(FleetOptions options) {
    return new Fleet(options);
  }

  /** Returns the options the fleet was built with. */
  public FleetOptions options() {
    return options;
  }

  /**
   * Finds the brokers (retrying a resolver with back-off), connects, and boots every node. Returns
   * once the brokers confirmed every subscription, so requests sent afterwards reach the nodes.
   *
   * @throws FleetException when no broker can be reached, or when interrupted while resolving
   */
  public synchronized Fleet start() {
    if (closed) {
      throw new FleetException("This fleet is closed; build a new one");
    }
    if (transport != null) {
      return this;
    }
    List<String> urls = options.targets().resolve();
    NodeSettings settings =
        new NodeSettings(
            options.token(),
            options.version(),
            options.configDir(),
            options.jwtSource(),
            new SplayPolicy(options.splayScale(), options.maxSplay()),
            options.clock(),
            urls,
            rsaKeys,
            options.upgradable());
    int connections =
        (options.nodes() + options.nodesPerConnection() - 1) / options.nodesPerConnection();
    transport =
        new FleetTransport(
            settings,
            options.lifecycleFormat(),
            options.registration(),
            options.maxRequestBytes(),
            connections,
            options.brokerOptions());
    if (options.provisionedIn().isEmpty()) {
      nodes.forEach(EmulatedNode::start);
    } else {
      nodes.forEach(n -> n.startProvisioned(options.provisionedIn()));
    }
    transport.flush(Duration.ofSeconds(30));
    LOG.info("{} emulated nodes up on {} over {} connection(s)", nodes.size(), urls, connections);
    return this;
  }

  /** Returns the brokers the fleet connected to; empty before {@link #start()}. */
  public List<String> brokerUrls() {
    FleetTransport t = transport;
    return t == null ? List.of() : t.settings().brokerUrls();
  }

  /** Returns every node, in index order. */
  public List<FleetNode> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** Returns the node with this identity. */
  public Optional<FleetNode> node(String identity) {
    return Optional.ofNullable(byIdentity.get(identity));
  }

  /** Returns how many nodes are in each mode (every mode present, zero included). */
  public Map<NodeMode, Integer> countsByMode() {
    Map<NodeMode, Integer> counts = new EnumMap<>(NodeMode.class);
    for (NodeMode mode : NodeMode.values()) {
      counts.put(mode, 0);
    }
    nodes.forEach(n -> counts.merge(n.mode(), 1, Integer::sum));
    return counts;
  }

  /** Returns how many nodes are in {@code mode}. */
  public int count(NodeMode mode) {
    return (int) nodes.stream().filter(n -> n.mode() == mode).count();
  }

  /**
   * Waits until the node is in {@code mode}.
   *
   * @return the node
   * @throws FleetException naming the node and its current mode when the deadline passes
   */
  public FleetNode awaitMode(String identity, NodeMode mode, Duration timeout) {
    FleetNode node =
        node(identity)
            .orElseThrow(() -> new FleetException("No node " + identity + " in this fleet"));
    await(
        () -> node.mode() == mode,
        timeout,
        () -> "node " + identity + " to be " + mode + "; it is " + node.mode());
    return node;
  }

  /**
   * Waits until at least {@code count} nodes are in {@code mode}.
   *
   * @throws FleetException with the counts by mode when the deadline passes
   */
  public void awaitCount(NodeMode mode, int count, Duration timeout) {
    await(
        () -> count(mode) >= count,
        timeout,
        () -> count + " nodes to be " + mode + "; counts are " + countsByMode());
  }

  private void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new FleetException("Timed out after " + timeout + " waiting for " + what.get());
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FleetException("Interrupted while waiting for " + what.get(), e);
      }
    }
  }

  /** Returns the nodes matching {@code filter}. */
  public List<FleetNode> nodes(Predicate<FleetNode> filter) {
    return nodes.stream().filter(filter).map(n -> (FleetNode) n).toList();
  }

  /** Returns the number of NATS connections in use (0 before {@link #start()}). */
  public int connections() {
    FleetTransport t = transport;
    return t == null ? 0 : t.links().size();
  }

  /** Disconnects every node (they become {@link NodeMode#GONE}) and closes the connections. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Mark nodes gone first, so that timers still running do not bring them back mid-close.
    nodes.forEach(EmulatedNode::vanishQuietly);
    FleetTransport t = transport;
    if (t != null) {
      t.close();
    }
  }

  /** Routes node requests to the transport once it exists. */
  private final class Host implements NodeHost {
    private FleetTransport transport() {
      FleetTransport t = transport;
      if (t == null) {
        throw new FleetException("The fleet is not started; call start() first");
      }
      return t;
    }

    @Override
    public NodeSettings settings() {
      return transport().settings();
    }

    @Override
    public void join(EmulatedNode node) {
      transport().join(node);
    }

    @Override
    public void leave(EmulatedNode node) {
      transport().leave(node);
    }

    @Override
    public void announce(EmulatedNode node, String type) {
      transport().announce(node, type);
    }

    @Override
    public void announceUpgraded(EmulatedNode node, String version, String newVersion) {
      transport().announceUpgraded(node, version, newVersion);
    }

    @Override
    public void register(EmulatedNode node) {
      transport().register(node);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
      transport().schedule(delay, task);
    }
  }

  /**
   * The builder of a {@link Fleet}: every {@link FleetOptions.Settings} setter, then {@link
   * #build()}.
   */
  public static final class Builder extends FleetOptions.Settings<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Validates the options and creates the (not yet started) fleet. */
    public Fleet build() {
      return new Fleet(options());
    }
  }
}
