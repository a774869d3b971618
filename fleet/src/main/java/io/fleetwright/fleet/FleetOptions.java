package io.fleetwright.fleet;

import io.fleetwright.fleet.internal.RetryingTargets;
import io.fleetwright.fleet.internal.StaticTargets;
import io.fleetwright.protocol.LifecycleFormat;
import io.nats.client.Options;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything a {@link Fleet} is built from. Create with {@link #builder()} (or {@link
 * Fleet#builder()}); {@code build()} validates every field and names the field in its message.
 */
public final class FleetOptions {
  /** The version emulated nodes report, as a packaged go-choria v0.30.2 does. */
  public static final String DEFAULT_VERSION = "0.30.2";

  private final int nodes;
  private final TargetResolver targets;
  private final NodeTemplate template;
  private final Optional<String> token;
  private final long seed;
  private final FaultPlan faults;
  private final int nodesPerConnection;
  private final double splayScale;
  private final Duration maxSplay;
  private final LifecycleFormat lifecycleFormat;
  private final boolean registration;
  private final String version;
  private final boolean upgradable;
  private final String configDir;
  private final ProvisioningJwtSource jwtSource;
  private final int maxRequestBytes;
  private final Clock clock;
  private final PuppetProfile puppet;
  private final List<String> provisionedIn;
  private final int rsaKeyPool;
  private final Consumer<Options.Builder> brokerOptions;

  private FleetOptions(Settings<?> b, TargetResolver targets, NodeTemplate template) {
    this.nodes = b.nodes;
    this.targets = targets;
    this.template = template;
    this.token = b.token;
    this.seed = b.seed;
    this.faults = b.faults;
    this.nodesPerConnection = b.nodesPerConnection;
    this.splayScale = b.splayScale;
    this.maxSplay = b.maxSplay;
    this.lifecycleFormat = b.lifecycleFormat;
    this.registration = b.registration;
    this.version = b.version;
    this.upgradable = b.upgradable;
    this.configDir = b.configDir;
    this.jwtSource = b.jwtSource;
    this.maxRequestBytes = b.maxRequestBytes;
    this.clock = b.clock;
    this.puppet = b.puppet;
    this.provisionedIn = b.provisionedIn;
    this.rsaKeyPool = b.rsaKeyPool;
    this.brokerOptions = b.brokerOptions;
  }

  /** Returns what the fleet adds to its NATS connection options (login, TLS); none by default. */
  public Consumer<Options.Builder> brokerOptions() {
    return brokerOptions;
  }

  /**
   * Returns how many RSA key pairs the fleet makes before it starts for {@code gencsr} to share; 0
   * (the default) makes a fresh pair per call, as a real server does.
   */
  public int rsaKeyPool() {
    return rsaKeyPool;
  }

  /** Returns how the nodes' Puppet runs behave once provisioned. */
  public PuppetProfile puppet() {
    return puppet;
  }

  /** Returns the collectives nodes boot provisioned in; empty means they boot to provisioning. */
  public List<String> provisionedIn() {
    return provisionedIn;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the number of nodes. */
  public int nodes() {
    return nodes;
  }

  /** Returns where the nodes find their brokers (retrying with back-off unless a static list). */
  public TargetResolver targets() {
    return targets;
  }

  /** Returns the identity pattern and fact choices. */
  public NodeTemplate template() {
    return template;
  }

  /** Returns the provisioning token every node checks, if any. */
  public Optional<String> token() {
    return token;
  }

  /** Returns the seed of every deterministic choice (facts, faults). */
  public long seed() {
    return seed;
  }

  /** Returns the fault plan. */
  public FaultPlan faults() {
    return faults;
  }

  /** Returns how many nodes share one NATS connection. */
  public int nodesPerConnection() {
    return nodesPerConnection;
  }

  /** Returns the factor applied to every restart/shutdown splay (1 = as a real server waits). */
  public double splayScale() {
    return splayScale;
  }

  /** Returns the longest a node really waits for a splay, whatever the reply says. */
  public Duration maxSplay() {
    return maxSplay;
  }

  /** Returns the format of lifecycle events (CloudEvents, as a real server, by default). */
  public LifecycleFormat lifecycleFormat() {
    return lifecycleFormat;
  }

  /** Returns whether nodes publish registration data when they enter provisioning mode. */
  public boolean registration() {
    return registration;
  }

  /** Returns the version nodes report in inventory and startup events. */
  public String version() {
    return version;
  }

  /**
   * Returns whether nodes allow {@code choria_provision#release_update}: their provisioning JWT has
   * the {@code update} claim and their inventory reports {@code upgradable}.
   */
  public boolean upgradable() {
    return upgradable;
  }

  /** Returns the configuration directory nodes pretend to have. */
  public String configDir() {
    return configDir;
  }

  /** Returns the source of the JWT that {@code choria_provision#jwt} returns. */
  public ProvisioningJwtSource jwtSource() {
    return jwtSource;
  }

  /** Returns the largest request (NATS payload bytes) nodes accept; larger ones are dropped. */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** Returns the clock of the nodes (TTL checks, event times, the provisioning lock). */
  public Clock clock() {
    return clock;
  }

  /** A builder of {@link FleetOptions}. */
  public static final class Builder extends Settings<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Validates the settings and returns the options. */
    public FleetOptions build() {
      return options();
    }
  }

  /**
   * The settings shared by {@link Builder} and {@link Fleet.Builder}.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  public abstract static class Settings<B extends Settings<B>> {
    private int nodes = 1;
    private List<String> natsUrls = List.of();
    private TargetResolver resolver;
    private NodeTemplate template = NodeTemplate.defaults();
    private String identityPattern;
    private Optional<String> token = Optional.empty();
    private long seed = 1;
    private FaultPlan faults = FaultPlan.none();
    private int nodesPerConnection = 2500;
    private double splayScale = 1.0;
    private Duration maxSplay = Duration.ofDays(1);
    private LifecycleFormat lifecycleFormat = LifecycleFormat.CLOUD_EVENTS;
    private boolean registration = true;
    private String version = DEFAULT_VERSION;
    private boolean upgradable;
    private String configDir = "/etc/choria";
    private ProvisioningJwtSource jwtSource = ProvisioningJwts.unsigned();
    private int maxRequestBytes = 1 << 20;
    private Duration resolverInitialBackoff = Duration.ofMillis(500);
    private Duration resolverMaxBackoff = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private PuppetProfile puppet = PuppetProfile.defaults();
    private List<String> provisionedIn = List.of();
    private int rsaKeyPool;
    private Consumer<Options.Builder> brokerOptions = options -> {};

    Settings() {}

    /**
     * Adds to every NATS connection of the fleet, e.g. {@code o -> o.userInfo(...).sslContext(...)}
     * so that nodes can join a broker that wants a login or TLS (default: nothing added).
     */
    public B brokerOptions(Consumer<Options.Builder> options) {
      this.brokerOptions = Objects.requireNonNull(options, "brokerOptions");
      return self();
    }

    /**
     * A benchmark affordance: makes {@code size} RSA-2048 key pairs before the fleet starts and
     * lets {@code gencsr} reuse them (node {@code i} uses pair {@code i % size}) instead of making
     * a fresh pair per call. Real nodes make their keys on their own CPUs; an emulated fleet would
     * otherwise spend the provisioner's CPU on them. CSRs stay per node with the node's CN, and the
     * private keys never leave the emulator. 0 (the default) makes a fresh pair per call.
     */
    public B rsaKeyPool(int size) {
      this.rsaKeyPool = size;
      return self();
    }

    /**
     * Sets how Puppet runs behave on provisioned nodes (default {@link PuppetProfile#defaults}).
     */
    public B puppet(PuppetProfile profile) {
      this.puppet = Objects.requireNonNull(profile, "puppet");
      return self();
    }

    /**
     * Boots every node already provisioned in these collectives (the first is the main one), so
     * site runs can be tested without provisioning first; empty (the default) boots them to
     * provisioning mode.
     */
    public B provisionedIn(List<String> collectives) {
      this.provisionedIn = List.copyOf(collectives);
      return self();
    }

    abstract B self();

    /** Sets the number of nodes (1 to 1,000,000; default 1). */
    public B nodes(int nodes) {
      this.nodes = nodes;
      return self();
    }

    /** Sets the broker URL(s); a comma separated list is allowed. */
    public B natsUrl(String url) {
      this.natsUrls = List.of(Objects.requireNonNull(url, "natsUrl").split(","));
      return self();
    }

    /**
     * Finds the brokers with a resolver instead of {@link #natsUrl}; it is retried with back-off.
     */
    public B targetResolver(TargetResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "targetResolver");
      return self();
    }

    /** Sets the back-off of the target resolver (default 500 ms doubling up to 30 s). */
    public B resolverBackoff(Duration initial, Duration max) {
      this.resolverInitialBackoff = Objects.requireNonNull(initial, "resolverBackoff initial");
      this.resolverMaxBackoff = Objects.requireNonNull(max, "resolverBackoff max");
      return self();
    }

    /** Sets the identity pattern, e.g. {@code node-%05d.lab.example.net}. */
    public B identityPattern(String pattern) {
      this.identityPattern = Objects.requireNonNull(pattern, "identityPattern");
      return self();
    }

    /** Sets the node template (identity pattern and facts). */
    public B template(NodeTemplate template) {
      this.template = Objects.requireNonNull(template, "template");
      return self();
    }

    /** Sets the provisioning token nodes check; null or empty means none (any token passes). */
    public B token(String token) {
      this.token = Optional.ofNullable(token).filter(t -> !t.isEmpty());
      return self();
    }

    /** Sets the seed of facts and fault selection (default 1). */
    public B seed(long seed) {
      this.seed = seed;
      return self();
    }

    /** Sets the fault plan (default none). */
    public B faults(FaultPlan faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return self();
    }

    /** Sets how many nodes share one NATS connection (default 2500). */
    public B nodesPerConnection(int count) {
      this.nodesPerConnection = count;
      return self();
    }

    /** Scales every splay wait (0 = immediately, 1 = as long as a real server; default 1). */
    public B splayScale(double scale) {
      this.splayScale = scale;
      return self();
    }

    /** Caps every splay wait (default one day, i.e. no cap). */
    public B maxSplay(Duration max) {
      this.maxSplay = Objects.requireNonNull(max, "maxSplay");
      return self();
    }

    /** Sets the lifecycle event format (default CloudEvents). */
    public B lifecycleFormat(LifecycleFormat format) {
      this.lifecycleFormat = Objects.requireNonNull(format, "lifecycleFormat");
      return self();
    }

    /** Switches registration data publishing on or off (default on). */
    public B registration(boolean on) {
      this.registration = on;
      return self();
    }

    /** Sets the version nodes report (default {@value FleetOptions#DEFAULT_VERSION}). */
    public B version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return self();
    }

    /**
     * Makes nodes accept {@code release_update} from a go-updater repository, as servers whose
     * provisioning JWT was made with {@code choria jwt prov --upgrade} do (default off, like a JWT
     * without the {@code update} claim).
     */
    public B upgradable(boolean on) {
      this.upgradable = on;
      return self();
    }

    /** Sets the configuration directory nodes report (default {@code /etc/choria}). */
    public B configDir(String dir) {
      this.configDir = Objects.requireNonNull(dir, "configDir");
      return self();
    }

    /** Sets the source of provisioning JWTs (default {@link ProvisioningJwts#unsigned()}). */
    public B jwtSource(ProvisioningJwtSource source) {
      this.jwtSource = Objects.requireNonNull(source, "jwtSource");
      return self();
    }

    /** Sets the largest request accepted in bytes (default 1 MiB, nats-server's limit). */
    public B maxRequestBytes(int bytes) {
      this.maxRequestBytes = bytes;
      return self();
    }

    /** Sets the clock (default system UTC); tests use it to check TTL and lock expiry. */
    public B clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return self();
    }

    FleetOptions options() {
      check(nodes >= 1 && nodes <= 1_000_000, "nodes must be between 1 and 1000000, got " + nodes);
      check(
          natsUrls.isEmpty() != (resolver == null),
          natsUrls.isEmpty()
              ? "natsUrl: give a broker URL such as nats://127.0.0.1:4222, or a targetResolver"
              : "natsUrl and targetResolver: give one of them, not both");
      check(
          nodesPerConnection >= 1,
          "nodesPerConnection must be at least 1, got " + nodesPerConnection);
      check(
          splayScale >= 0 && !Double.isInfinite(splayScale),
          "splayScale must be a finite number >= 0 (e.g. 0.01), got " + splayScale);
      check(!maxSplay.isNegative(), "maxSplay must not be negative, got " + maxSplay);
      check(!version.isBlank(), "version must not be blank; use e.g. " + DEFAULT_VERSION);
      check(
          configDir.startsWith("/") && !configDir.endsWith("/"),
          "configDir must be an absolute path without a trailing slash, e.g. /etc/choria, got '"
              + configDir
              + "'");
      check(
          provisionedIn.stream().allMatch(c -> c.matches("[A-Za-z0-9_-]+")),
          "provisionedIn: collectives are names such as mcollective, got " + provisionedIn);
      check(
          rsaKeyPool >= 0 && rsaKeyPool <= 10_000,
          "rsaKeyPool must be between 0 (a fresh key per gencsr) and 10000, got " + rsaKeyPool);
      check(
          maxRequestBytes >= 1024, "maxRequestBytes must be at least 1024, got " + maxRequestBytes);
      TargetResolver targets;
      if (resolver != null) {
        try {
          targets =
              new RetryingTargets(
                  resolver,
                  resolverInitialBackoff,
                  resolverMaxBackoff,
                  d -> Thread.sleep(d.toMillis()));
        } catch (FleetException e) {
          throw new FleetException("resolverBackoff: " + e.getMessage(), e);
        }
      } else {
        targets = new StaticTargets(natsUrls.stream().map(String::strip).toList());
      }
      NodeTemplate effective = template;
      if (identityPattern != null) {
        try {
          effective = template.withIdentityPattern(identityPattern);
        } catch (FleetException e) {
          throw new FleetException(e.getMessage(), e);
        }
      }
      return new FleetOptions(this, targets, effective);
    }

    private static void check(boolean ok, String message) {
      if (!ok) {
        throw new FleetException(message);
      }
    }
  }
}
