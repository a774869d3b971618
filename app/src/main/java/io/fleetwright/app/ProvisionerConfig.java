package io.fleetwright.app;

import io.fleetwright.app.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The provisioner's whole configuration. Keys shared with the Go Choria Provisioner keep its names
 * and meaning; ours live under {@code temporal:}, {@code nats:}, {@code defer:} and {@code
 * discovery:}. Defaults live in {@link ConfigLoader}.
 */
public record ProvisionerConfig(
    int workers,
    Duration interval,
    String logfile,
    String loglevel,
    String logformat,
    Optional<String> helper,
    String helperRuntime,
    Duration helperTimeout,
    Duration readStepsBudget,
    Secret token,
    String lifecycleComponent,
    boolean choriaInsecure,
    String site,
    String identity,
    int monitorPort,
    String monitorAddress,
    List<String> certDenyList,
    Optional<String> jwtVerifyCert,
    Optional<Path> jwtSigningKey,
    Duration serverJwtValidity,
    Features features,
    Temporal temporal,
    Nats nats,
    Defer defer,
    Discovery discovery,
    FailedRetry failedRetry,
    Optional<Ca> ca,
    Codec codec,
    String siteCollective,
    MainCollective mainCollective,
    Renewal renewal,
    Approval approval,
    CaLimit caLimit) {

  /** Validates presence; value checks happen in the loader, which knows the key names. */
  public ProvisionerConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(readStepsBudget, "readStepsBudget");
    Objects.requireNonNull(token, "token");
    certDenyList = List.copyOf(certDenyList);
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(temporal, "temporal");
    Objects.requireNonNull(nats, "nats");
    Objects.requireNonNull(defer, "defer");
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(failedRetry, "failedRetry");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(siteCollective, "siteCollective");
    Objects.requireNonNull(mainCollective, "mainCollective");
    Objects.requireNonNull(renewal, "renewal");
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(caLimit, "caLimit");
  }

  /** A value that must never be printed: {@link #toString()} hides it. */
  public record Secret(String value) {
    /** Requires a value (possibly empty). */
    public Secret {
      Objects.requireNonNull(value, "value");
    }

    /**
     * @return whether a value is set
     */
    public boolean isSet() {
      return !value.isEmpty();
    }

    @Override
    public String toString() {
      return value.isEmpty() ? "<unset>" : "<redacted>";
    }
  }

  /** {@code features:} the optional provisioning steps, as in the Go provisioner. */
  public record Features(boolean pki, boolean jwt, boolean ed25519, Upgrades upgrades) {
    /** Features without upgrades. */
    public Features(boolean pki, boolean jwt, boolean ed25519) {
      this(pki, jwt, ed25519, Upgrades.OFF);
    }
  }

  /**
   * {@code features.upgrades}, {@code upgrades_repository}, {@code upgrades_optional} and {@code
   * upgrades_timeout}: Choria version upgrades when the helper returns {@code upgrade}.
   */
  public record Upgrades(boolean enabled, String repository, boolean optional, Duration timeout) {
    /** Upgrades off. */
    public static final Upgrades OFF = new Upgrades(false, "", false, Duration.ofMinutes(10));
  }

  /**
   * {@code temporal:} where the Temporal frontend is, which queue to use, and how to connect
   * securely. Each value is the YAML's, else Temporal's environment variables and config profile
   * ({@code TEMPORAL_*}), else the default.
   */
  public record Temporal(
      String target, String namespace, String taskQueue, TemporalTls tls, Secret apiKey) {
    /** Requires every part. */
    public Temporal {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(taskQueue, "taskQueue");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(apiKey, "apiKey");
    }

    /** A plain-text connection without an API key, as a local dev server needs. */
    public static Temporal plain(String target, String namespace, String taskQueue) {
      return new Temporal(target, namespace, taskQueue, TemporalTls.OFF, new Secret(""));
    }

    /**
     * @return how the connection is secured, for logs: {@code plain text}, {@code TLS} or {@code
     *     mTLS}, and whether an API key is sent (never the key)
     */
    public String security() {
      String transport = tls.mutual() ? "mTLS" : tls.enabled() ? "TLS" : "plain text";
      return apiKey.isSet() ? transport + " with an API key" : transport;
    }

    /** The same settings for another frontend or namespace (the operator commands' flags). */
    public Temporal at(String otherTarget, String otherNamespace) {
      return new Temporal(otherTarget, otherNamespace, taskQueue, tls, apiKey);
    }
  }

  /**
   * {@code temporal.tls:} TLS to the frontend: the CA that signed the server's certificate (else
   * the system's), the client certificate and key for mTLS, the name to check the server's
   * certificate against. PEM given inline ({@code TEMPORAL_TLS_*_DATA}) is kept as a secret.
   */
  public record TemporalTls(
      boolean enabled,
      Optional<Path> caFile,
      Optional<Path> certFile,
      Optional<Path> keyFile,
      Secret caData,
      Secret certData,
      Secret keyData,
      Optional<String> serverName,
      boolean disableHostVerification) {
    /** No TLS. */
    public static final TemporalTls OFF =
        new TemporalTls(
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Secret(""),
            new Secret(""),
            new Secret(""),
            Optional.empty(),
            false);

    /** Requires every part. */
    public TemporalTls {
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(caData, "caData");
      Objects.requireNonNull(certData, "certData");
      Objects.requireNonNull(keyData, "keyData");
      Objects.requireNonNull(serverName, "serverName");
    }

    /**
     * @return whether a client certificate is presented (mTLS)
     */
    public boolean mutual() {
      return enabled && (certFile.isPresent() || certData.isSet());
    }
  }

  /**
   * {@code nats:} the broker the provisioning collective lives on, and how we prove ourselves to
   * it: the provisioning account's password ({@code broker_provisioning_password}, user {@code
   * provisioner}), a credentials file or an nkey seed (at most one), and TLS.
   */
  public record Nats(
      List<String> servers,
      Secret password,
      Optional<Path> credentials,
      Optional<Path> nkey,
      NatsTls tls) {
    /** The user the Go provisioner connects as when a provisioning password is set. */
    public static final String PROVISIONING_USER = "provisioner";

    /** Copies the server list. */
    public Nats {
      servers = List.copyOf(servers);
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(nkey, "nkey");
      Objects.requireNonNull(tls, "tls");
    }

    /** Returns whether TLS is spoken: a {@code tls://} broker or any {@code nats.tls.*} file. */
    public boolean usesTls() {
      return tls.configured() || servers.stream().anyMatch(s -> s.startsWith("tls://"));
    }
  }

  /**
   * {@code nats.tls:} PEM files: the CA that signed the brokers' certificates (else the JVM's trust
   * store), and our client certificate and key when the broker asks for one.
   */
  public record NatsTls(Optional<Path> ca, Optional<Path> cert, Optional<Path> key) {
    /** Requires the three optionals. */
    public NatsTls {
      Objects.requireNonNull(ca, "ca");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(key, "key");
    }

    /** Returns whether any TLS file is given. */
    public boolean configured() {
      return ca.isPresent() || cert.isPresent() || key.isPresent();
    }
  }

  /** {@code defer:} the backoff of a node whose helper deferred it. */
  public record Defer(
      Duration initialDelay,
      Duration maxDelay,
      double multiplier,
      double jitter,
      int maxAttempts) {}

  /** {@code ca:} the built-in CA that signs CSRs when a helper sets {@code sign_csr}. */
  public record Ca(Path dir, String commonName, Duration validity) {}

  /**
   * {@code ca.rate_limit} and {@code ca.rate_limit_helper}: how many calls per second reach the CA,
   * counted over every worker of the provisioner together.
   *
   * @param perSecond calls per second; 0 is no limit
   * @param helper whether helper runs count too, for a helper that calls an external CA
   */
  public record CaLimit(double perSecond, boolean helper) {
    /** No limit. */
    public static final CaLimit OFF = new CaLimit(0, false);

    /** Returns whether a limit is set. */
    public boolean on() {
      return perSecond > 0;
    }
  }

  /**
   * {@code codec:} the payload codec key that encrypts workflow history, and the codec endpoint the
   * Web UI decodes through (port 0: off), its address and the file holding the token its callers
   * must show.
   */
  public record Codec(
      Optional<Path> keyFile,
      List<Path> oldKeyFiles,
      int endpointPort,
      List<String> corsOrigins,
      Optional<Path> endpointTokenFile,
      String endpointAddress) {
    /** Copies the lists. */
    public Codec {
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(endpointTokenFile, "endpointTokenFile");
      Objects.requireNonNull(endpointAddress, "endpointAddress");
      oldKeyFiles = List.copyOf(oldKeyFiles);
      corsOrigins = List.copyOf(corsOrigins);
    }
  }

  /**
   * {@code failed_retry:} when a FAILED node seen again in provisioning mode is provisioned again.
   * A startup event later than the failure starts a new run at once; broadcast discovery and
   * registration do once {@code backoff} has passed since the failure. Zero ({@code off}) leaves
   * failed nodes to an operator's {@code retry}.
   */
  public record FailedRetry(Duration backoff) {
    /** Requires a back-off, zero meaning off. */
    public FailedRetry {
      Objects.requireNonNull(backoff, "backoff");
    }

    /** Returns whether failed nodes are provisioned again at all. */
    public boolean on() {
      return !backoff.isZero();
    }
  }

  /**
   * {@code main_collective:} the broker of the main collective ({@code site_collective}), where
   * provisioned nodes and the puppet agent answer: {@code provisioner reprovision}, renewal and
   * site runs use it. Servers default to {@code nats.servers}. The login ({@code user} and {@code
   * password}, {@code credentials} or {@code nkey}) and the TLS files hold only what this section
   * sets; the connection takes whatever it leaves out from {@code nats:} (the login as a whole, the
   * CA and the client certificate each on its own), see {@code app.broker.BrokerAccess}.
   */
  public record MainCollective(
      List<String> servers,
      Optional<String> user,
      Secret password,
      Optional<Path> credentials,
      Optional<Path> nkey,
      NatsTls tls) {
    /** Copies the server list and requires the rest. */
    public MainCollective {
      servers = List.copyOf(servers);
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(nkey, "nkey");
      Objects.requireNonNull(tls, "tls");
    }

    /** Returns whether the section sets a login of its own. */
    public boolean ownLogin() {
      return password.isSet() || credentials.isPresent() || nkey.isPresent();
    }
  }

  /**
   * {@code renewal:} provision a node again this long before its certificate or server JWT expires.
   * {@code beforeExpiry} zero means off (the default).
   */
  public record Renewal(Duration beforeExpiry, double jitter, Duration returnWait) {
    /** Requires the durations. */
    public Renewal {
      Objects.requireNonNull(beforeExpiry, "beforeExpiry");
      Objects.requireNonNull(returnWait, "returnWait");
    }

    /** Returns whether renewal is on. */
    public boolean on() {
      return !beforeExpiry.isZero();
    }
  }

  /**
   * {@code approval:} how long a node whose helper asked for approval waits for an operator, and
   * whether it is then deferred or failed.
   */
  public record Approval(Duration timeout, boolean failOnTimeout) {
    /** Requires a timeout. */
    public Approval {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * {@code discovery:} which of the three sources find nodes, and how many sightings may wait for
   * admission before new ones are dropped (a dropped node is found again by a later sighting).
   */
  public record Discovery(
      boolean lifecycle, boolean registration, boolean broadcast, int maxWaiting) {}
}
