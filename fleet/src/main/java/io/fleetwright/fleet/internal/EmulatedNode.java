package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.FleetException;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.fleet.PuppetProfile;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * One emulated Choria server: identity, facts, mode, what provisioning stored, and its secrets. The
 * agents change it under {@link #mutex}; readers see volatile snapshots.
 */
public final class EmulatedNode implements FleetNode {
  /** The collective of provisioning mode. */
  public static final String PROVISIONING = "provisioning";

  private static final List<String> PROVISIONING_AGENTS =
      List.of("choria_provision", "choria_util", "discovery", "rpcutil");
  private static final List<String> SERVER_AGENTS =
      List.of("choria_util", "discovery", "puppet", "rpcutil");
  private static final List<String> SERVER_AGENTS_WITH_TOKEN =
      List.of("choria_provision", "choria_util", "discovery", "puppet", "rpcutil");

  private final int index;
  private final String identity;
  private final Map<String, Object> facts;
  private final NodeHost host;
  final ReentrantLock mutex = new ReentrantLock();
  final ProvisionLock lock = new ProvisionLock();

  private volatile NodeMode mode = NodeMode.PROVISIONING;
  private volatile List<String> collectives = List.of(PROVISIONING);
  private volatile NodeFaults faults;
  volatile boolean restartPending;

  volatile Map<String, String> configuration;
  volatile String certificate;
  volatile String ca;
  volatile String ssldir;
  volatile String deliveredKey;
  volatile String serverJwt;
  volatile Map<String, String> actionPolicies = Map.of();
  volatile Map<String, String> opaPolicies = Map.of();
  volatile int configureCount;
  private volatile int restartCount;
  private volatile int shutdownCount;
  private final java.util.concurrent.CopyOnWriteArrayList<Map<String, String>> configureHistory =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  // The version of the running process, and of the program on disk that the next start runs.
  private volatile String version;
  private volatile String installedVersion;
  private final java.util.concurrent.CopyOnWriteArrayList<String> releaseUpdates =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  volatile KeyPair csrKeys;
  volatile Ed25519PrivateKeyParameters edKey;
  volatile X25519PrivateKeyParameters ecdhKey;
  private final SecretWatch secrets = new SecretWatch();
  private volatile List<String> subscribed = List.of();
  private volatile PuppetState puppet = new PuppetState(PuppetProfile.defaults(), 1);

  /** Creates a node in provisioning mode; {@link #start()} makes it visible. */
  public EmulatedNode(
      int index, String identity, Map<String, Object> facts, NodeFaults faults, NodeHost host) {
    this.index = index;
    this.identity = Objects.requireNonNull(identity, "identity");
    this.facts = Collections.unmodifiableMap(new TreeMap<>(facts));
    this.faults = Objects.requireNonNull(faults, "faults");
    this.host = Objects.requireNonNull(host, "host");
  }

  NodeHost host() {
    return host;
  }

  NodeSettings settings() {
    return host.settings();
  }

  /** Subscribes in the provisioning collective and announces itself, as a booting server does. */
  public void start() {
    mutex.lock();
    try {
      enterProvisioning();
    } finally {
      mutex.unlock();
    }
  }

  void enterProvisioning() {
    collectives = List.of(PROVISIONING);
    mode = NodeMode.PROVISIONING;
    host.join(this);
    host.announce(this, "startup");
    host.register(this);
  }

  /** Boots already provisioned, listening in {@code names} (the first is the main collective). */
  public void startProvisioned(List<String> names) {
    mutex.lock();
    try {
      enterCollectives(names);
    } finally {
      mutex.unlock();
    }
  }

  /** Sets how this node's Puppet runs behave; the agent state starts fresh (enabled, no runs). */
  public void puppetProfile(PuppetProfile profile, long seed) {
    puppet = new PuppetState(profile, seed);
  }

  PuppetState puppet() {
    return puppet;
  }

  void enterCollectives(List<String> names) {
    collectives = List.copyOf(names);
    mode = NodeMode.PROVISIONED;
    host.join(this);
    host.announce(this, "startup");
  }

  /**
   * The process starts again: it leaves every subject and comes back as its stored configuration
   * says (provisioned in its collectives, or in provisioning mode), announcing its startup. It
   * forgets its provisioning lease and its in-memory ECDH key. Call with {@link #mutex} held.
   */
  void bootAgain() {
    host.leave(this);
    lock.reset();
    ecdhKey = null;
    Map<String, String> config = configuration();
    if (ServerConfig.provisionsAtStart(config)) {
      enterProvisioning();
    } else {
      enterCollectives(ServerConfig.collectives(config));
    }
  }

  @Override
  public void reboot() {
    mutex.lock();
    try {
      if (!alive()) {
        throw new FleetException(
            "node " + identity + " is " + mode + "; only a running node can be rebooted");
      }
      host.announce(this, "shutdown");
      bootAgain();
    } finally {
      mutex.unlock();
    }
  }

  /** Leaves every subject without a word, as a crashed process would. */
  public void vanish() {
    host.leave(this);
    mode = NodeMode.GONE;
  }

  /** Marks the node gone without touching the network, for a fleet that is closing. */
  public void vanishQuietly() {
    mode = NodeMode.GONE;
    subscribed = List.of();
  }

  void stop() {
    host.leave(this);
    mode = NodeMode.SHUT_DOWN;
  }

  /** True while the node is in provisioning mode. */
  public boolean inProvisioning() {
    return mode == NodeMode.PROVISIONING;
  }

  /** True while the node answers requests at all. */
  public boolean alive() {
    NodeMode m = mode;
    return m == NodeMode.PROVISIONING || m == NodeMode.PROVISIONED;
  }

  /** Returns the lifecycle component it announces itself as. */
  public String lifecycleComponent() {
    return inProvisioning() ? "provision_mode_server" : "server";
  }

  /** Returns the agents this node runs now, sorted. */
  public List<String> agents() {
    if (inProvisioning()) {
      return PROVISIONING_AGENTS;
    }
    if (settings().token().isPresent()) {
      return SERVER_AGENTS_WITH_TOKEN;
    }
    return SERVER_AGENTS;
  }

  /** Returns the main collective: the first of its collectives. */
  public String mainCollective() {
    return collectives.get(0);
  }

  /** Runs one RPC call (not the discovery agent) and returns the reply. */
  public ActionResult call(ActionCall call) {
    return switch (call.agent()) {
      case "rpcutil" -> RpcutilAgent.handle(this, call);
      case "choria_util" -> ChoriaUtilAgent.handle(this, call);
      case "choria_provision" -> ProvisionAgent.handle(this, call);
      case "puppet" ->
          inProvisioning()
              ? ActionResult.unknownAction(call.action(), call.agent())
              : PuppetAgent.handle(this, call);
      default -> ActionResult.unknownAction(call.action(), call.agent());
    };
  }

  /** The discovery agent: answers {@code pong} when the decoded payload contains {@code ping}. */
  public Optional<String> discovery(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8).contains("ping")
        ? Optional.of("pong")
        : Optional.empty();
  }

  /** Called after a reply went out; some faults strike only then. */
  public void replied(ActionCall call, ActionResult result) {
    if (call.agent().equals("choria_provision")
        && call.action().equals("configure")
        && result.isOk()
        && faults.has(Fault.CRASH_AFTER_CONFIGURE)) {
      vanish();
    }
  }

  /** Records a leak if {@code outgoing} contains any private key material this node ever held. */
  public void inspectOutgoing(String outgoing) {
    secrets.inspect(outgoing);
  }

  void rememberSecret(byte[] der, boolean hexToo) {
    secrets.remember(der, hexToo);
  }

  /** Returns the subjects the node is subscribed to on the wire. */
  public List<String> subscribed() {
    return subscribed;
  }

  /** Records the subjects the node is subscribed to on the wire. */
  public void subscribed(List<String> subjects) {
    subscribed = List.copyOf(subjects);
  }

  /** Returns the node's faults now. */
  public NodeFaults nodeFaults() {
    return faults;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public Map<String, Object> facts() {
    return facts;
  }

  @Override
  public NodeMode mode() {
    return mode;
  }

  @Override
  public List<String> collectives() {
    return collectives;
  }

  @Override
  public Map<String, String> configuration() {
    Map<String, String> c = configuration;
    return c == null ? Map.of() : c;
  }

  @Override
  public Optional<String> certificate() {
    return Optional.ofNullable(certificate);
  }

  @Override
  public Optional<String> ca() {
    return Optional.ofNullable(ca);
  }

  @Override
  public Optional<String> ssldir() {
    return Optional.ofNullable(ssldir);
  }

  @Override
  public Optional<String> serverJwt() {
    return Optional.ofNullable(serverJwt);
  }

  @Override
  public Map<String, String> actionPolicies() {
    return actionPolicies;
  }

  @Override
  public Map<String, String> opaPolicies() {
    return opaPolicies;
  }

  @Override
  public Optional<String> deliveredKey() {
    return Optional.ofNullable(deliveredKey);
  }

  @Override
  public Optional<PublicKey> csrPublicKey() {
    KeyPair pair = csrKeys;
    return pair == null ? Optional.empty() : Optional.of(pair.getPublic());
  }

  @Override
  public Optional<String> ed25519PublicKey() {
    Ed25519PrivateKeyParameters ed = edKey;
    return ed == null
        ? Optional.empty()
        : Optional.of(Hex.encode(ed.generatePublicKey().getEncoded()));
  }

  @Override
  public boolean privateKeyLeaked() {
    return secrets.leaked();
  }

  @Override
  public int configureCount() {
    return configureCount;
  }

  @Override
  public List<Map<String, String>> configureHistory() {
    return List.copyOf(configureHistory);
  }

  void recordConfigure(Map<String, String> settings) {
    configureHistory.add(Map.copyOf(settings));
    configureCount++;
  }

  /** Counts an accepted {@code restart}; called under {@link #mutex}. */
  void recordRestart() {
    restartCount++;
  }

  /** Counts an accepted {@code shutdown}; called under {@link #mutex}. */
  void recordShutdown() {
    shutdownCount++;
  }

  @Override
  public int restartCount() {
    return restartCount;
  }

  @Override
  public int shutdownCount() {
    return shutdownCount;
  }

  @Override
  public String version() {
    String v = version;
    return v == null ? settings().version() : v;
  }

  @Override
  public int releaseUpdateCount() {
    return releaseUpdates.size();
  }

  @Override
  public List<String> releaseUpdateHistory() {
    return List.copyOf(releaseUpdates);
  }

  /**
   * Records a successful {@code release_update}: {@code program} is on disk and runs from the next
   * start on.
   */
  void installed(String requested, String program) {
    installedVersion = program;
    releaseUpdates.add(requested);
  }

  /** Starts running the installed program; true when that changed the version. */
  boolean startInstalled() {
    String next = installedVersion;
    if (next == null || next.equals(version())) {
      return false;
    }
    version = next;
    return true;
  }

  /**
   * The inventory's {@code upgradable}: the provisioning JWT's {@code update} claim, or in normal
   * mode also {@code plugin.choria.server.provision.allow_update} (provisioning mode overrides that
   * setting with the claim).
   */
  boolean upgradable() {
    if (settings().allowUpdate() || inProvisioning()) {
      return settings().allowUpdate();
    }
    String allow = configuration().get("plugin.choria.server.provision.allow_update");
    return allow != null && ServerConfig.bool(allow).orElse(false);
  }

  @Override
  public Set<Fault> faults() {
    return faults.active();
  }

  @Override
  public void setFault(Fault fault, boolean on) {
    faults = faults.with(fault, on);
  }

  /** Replaces the node's faults with {@code next}. */
  public void setFaults(NodeFaults next) {
    faults = Objects.requireNonNull(next, "faults");
  }

  @Override
  public void slowReplies(Duration delay) {
    faults = faults.slow(delay);
  }

  @Override
  public boolean puppetEnabled() {
    return puppet.enabled();
  }

  @Override
  public List<Instant> puppetRunStarts() {
    return puppet.runStarts();
  }

  @Override
  public void failPuppetRuns(boolean on) {
    puppet.forceFail(on);
  }

  @Override
  public String toString() {
    return identity + " (" + mode + ")";
  }
}
