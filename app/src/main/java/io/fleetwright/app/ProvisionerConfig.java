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
    Optional<String> helper,
    String helperRuntime,
    Duration helperTimeout,
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
    Approval approval) {

  /** Validates presence; value checks happen in the loader, which knows the key names. */
  public ProvisionerConfig {
    Objects.requireNonNull(interval, "interval");
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
    Objects.requireNonNull(approval, "approval");
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
  public record Features(boolean pki, boolean jwt, boolean ed25519) {}

  /** {@code temporal:} where the Temporal frontend is and which queue to use. */
  public record Temporal(String target, String namespace, String taskQueue) {}

  /** {@code nats:} the broker the provisioning collective lives on. */
  public record Nats(List<String> servers, Secret password) {
    /** Copies the server list. */
    public Nats {
      servers = List.copyOf(servers);
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
   * {@code codec:} the payload codec key that encrypts workflow history, and the codec endpoint the
   * Web UI decodes through (port 0: off).
   */
  public record Codec(
      Optional<Path> keyFile, List<Path> oldKeyFiles, int endpointPort, List<String> corsOrigins) {
    /** Copies the lists. */
    public Codec {
      Objects.requireNonNull(keyFile, "keyFile");
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
   * {@code approval:} how long a node whose helper asked for approval waits for an operator, and
   * whether it is then deferred or failed.
   */
  public record Approval(Duration timeout, boolean failOnTimeout) {
    /** Requires a timeout. */
    public Approval {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /** {@code discovery:} which of the three sources find nodes. */
  public record Discovery(boolean lifecycle, boolean registration, boolean broadcast) {}
}
