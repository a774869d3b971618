package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.ProvisioningJwtSource;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every node of a fleet shares: the provisioning token, the version it reports, where its
 * configuration would live, how it makes its JWT, how long it really waits, the clock, and whether
 * its provisioning JWT allows {@code release_update} (the {@code update} claim).
 */
public record NodeSettings(
    Optional<String> token,
    String version,
    String configDir,
    ProvisioningJwtSource jwtSource,
    SplayPolicy splay,
    Clock clock,
    List<String> brokerUrls,
    RsaKeys rsaKeys,
    boolean allowUpdate) {
  /** Validates and copies. */
  public NodeSettings {
    Objects.requireNonNull(rsaKeys, "rsaKeys");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(jwtSource, "jwtSource");
    Objects.requireNonNull(splay, "splay");
    Objects.requireNonNull(clock, "clock");
    brokerUrls = List.copyOf(brokerUrls);
  }

  /** As above, with a fresh RSA key pair per {@code gencsr}, as a real server makes. */
  public NodeSettings(
      Optional<String> token,
      String version,
      String configDir,
      ProvisioningJwtSource jwtSource,
      SplayPolicy splay,
      Clock clock,
      List<String> brokerUrls) {
    this(token, version, configDir, jwtSource, splay, clock, brokerUrls, RsaKeys.FRESH, false);
  }

  /** A copy whose provisioning JWT allows {@code release_update} or not. */
  public NodeSettings withAllowUpdate(boolean allow) {
    return new NodeSettings(
        token, version, configDir, jwtSource, splay, clock, brokerUrls, rsaKeys, allow);
  }

  /** The configuration file a real server would rewrite. */
  public String configFile() {
    return configDir + "/server.conf";
  }

  /** The SSL directory a real server would use in provisioning mode. */
  public String sslDir() {
    return configDir + "/ssl";
  }
}
