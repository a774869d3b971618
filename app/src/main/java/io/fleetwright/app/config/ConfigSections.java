package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Ca;
import io.fleetwright.app.ProvisionerConfig.Defer;
import io.fleetwright.app.ProvisionerConfig.Discovery;
import io.fleetwright.app.ProvisionerConfig.Features;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.app.ProvisionerConfig.NatsTls;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.Upgrades;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The config's sections ({@code features:}, {@code temporal:}, ...), each read and checked. */
final class ConfigSections {
  private ConfigSections() {}

  static Features features(ConfigNode node, ConfigNode root) {
    boolean pki = node.bool("pki", false);
    boolean ed25519 = node.bool("ed25519", false);
    boolean jwt = node.bool("jwt", false) || ed25519;
    Upgrades upgrades = UpgradeSection.read(node.bool("upgrades", false), root);
    node.rejectUnknown();
    if (pki && ed25519) {
      throw new ConfigException(
          "features.pki and features.ed25519 cannot both be on (as in the Go provisioner); choose"
              + " one, e.g. features: {pki: true, ed25519: false}");
    }
    return new Features(pki, jwt, ed25519, upgrades);
  }

  static Nats nats(ConfigNode node, Secret password) {
    List<String> servers =
        node.strings(
            "servers", List.of("nats://127.0.0.1:4222"), "nats.servers: [nats://broker1:4222]");
    Optional<Path> credentials =
        node.path("credentials", "nats.credentials: /etc/fleetwright/nats.creds");
    Optional<Path> nkey = node.path("nkey", "nats.nkey: /etc/fleetwright/nats.nk");
    NatsTls tls = natsTls(node.child("tls"));
    node.rejectUnknown();
    int ways =
        (password.isSet() ? 1 : 0) + credentials.map(c -> 1).orElse(0) + nkey.map(k -> 1).orElse(0);
    if (ways > 1) {
      throw new ConfigException(
          "broker_provisioning_password, nats.credentials and nats.nkey are three ways to log in to"
              + " the broker; set only one, e.g. broker_provisioning_password: s3cret (user"
              + " provisioner, as the Go provisioner)");
    }
    if (servers.isEmpty()) {
      throw new ConfigException(
          "nats.servers must name at least one broker, e.g. nats://broker1:4222");
    }
    for (String s : servers) {
      if (!s.matches("(nats|tls)://[^\\s/]+(:\\d+)?")) {
        throw new ConfigException(
            "nats.servers entry '" + s + "' is not a NATS URL; e.g. nats://broker1:4222");
      }
    }
    return new Nats(servers, password, credentials, nkey, tls);
  }

  private static NatsTls natsTls(ConfigNode node) {
    NatsTls tls =
        new NatsTls(
            node.path("ca", "nats.tls.ca: /etc/fleetwright/broker-ca.pem"),
            node.path("cert", "nats.tls.cert: /etc/fleetwright/provisioner.pem"),
            node.path("key", "nats.tls.key: /etc/fleetwright/provisioner.key"));
    node.rejectUnknown();
    if (tls.cert().isPresent() != tls.key().isPresent()) {
      throw new ConfigException(
          "nats.tls.cert and nats.tls.key go together (our client certificate and its private"
              + " key, PEM); set both or neither, e.g. nats.tls: {cert: /etc/fleetwright/prov.pem,"
              + " key: /etc/fleetwright/prov.key}");
    }
    return tls;
  }

  static ProvisionerConfig.Renewal renewal(ConfigNode node) {
    String text = node.string("before_expiry", "off", "renewal.before_expiry: 30d");
    Duration before =
        java.util.Set.of("off", "false", "0", "no")
                .contains(text.strip().toLowerCase(java.util.Locale.ROOT))
            ? Duration.ZERO
            : Durations.parse("renewal.before_expiry", text);
    if (!before.isZero() && before.compareTo(Duration.ofHours(1)) < 0) {
      throw new ConfigException(
          "renewal.before_expiry must be at least 1h or off, got "
              + text
              + "; e.g. renewal.before_expiry: 30d");
    }
    ProvisionerConfig.Renewal renewal =
        new ProvisionerConfig.Renewal(
            before,
            node.decimal("jitter", 0.1, 0.0, 0.5, "renewal.jitter: 0.1"),
            node.duration(
                "return_wait",
                Duration.ofSeconds(20),
                Duration.ofSeconds(1),
                "renewal.return_wait: 20s"));
    node.rejectUnknown();
    return renewal;
  }

  static Defer defer(ConfigNode node) {
    Duration initial =
        node.duration(
            "initial_delay",
            Duration.ofSeconds(30),
            Duration.ofMillis(1),
            "defer.initial_delay: 30s");
    Duration max = node.duration("max_delay", Duration.ofHours(1), initial, "defer.max_delay: 1h");
    Defer d =
        new Defer(
            initial,
            max,
            node.decimal("multiplier", 2.0, 1.0, 100.0, "defer.multiplier: 2"),
            node.decimal("jitter", 0.2, 0.0, 0.99, "defer.jitter: 0.2"),
            node.integer(
                "max_attempts",
                10,
                1,
                io.fleetwright.api.DeferPolicy.MAX_ATTEMPTS_LIMIT,
                "defer.max_attempts: 10"));
    node.rejectUnknown();
    return d;
  }

  /** The CA rate limit; read before {@link #ca}, which rejects the section's unknown keys. */
  static ProvisionerConfig.CaLimit caLimit(ConfigNode node) {
    return new ProvisionerConfig.CaLimit(
        node.decimal("rate_limit", 0, 0, 100_000, "ca.rate_limit: 20"),
        node.bool("rate_limit_helper", false));
  }

  static Optional<Ca> ca(ConfigNode node, boolean present, ProvisionerConfig.CaLimit limit) {
    Optional<Path> dir = node.path("dir", "ca.dir: /var/lib/fleetwright/ca");
    Ca ca =
        new Ca(
            dir.orElse(null),
            node.string("common_name", "Fleetwright CA", "ca.common_name: Example Provisioning CA"),
            node.duration(
                "validity", Duration.ofDays(365), Duration.ofHours(1), "ca.validity: 1y"));
    node.rejectUnknown();
    if (limit.helper() && !limit.on()) {
      throw new ConfigException(
          "ca.rate_limit_helper is set but ca.rate_limit is not: the helper's calls to its CA are"
              + " limited to ca.rate_limit per second, e.g. ca.rate_limit: 20");
    }
    if (present && dir.isEmpty() && limit.on() && !limit.helper()) {
      throw new ConfigException(
          "ca.rate_limit is set without ca.dir, so there is no built-in CA to limit: set ca.dir"
              + " (e.g. ca.dir: /var/lib/fleetwright/ca), or ca.rate_limit_helper: true for a"
              + " helper that calls an external CA");
    }
    if (present && dir.isEmpty() && !limit.on()) {
      throw new ConfigException(
          "ca.dir is required in a ca: section: the folder holding ca.key and ca.pem (created on"
              + " first run), e.g. ca.dir: /var/lib/fleetwright/ca");
    }
    return dir.map(d -> ca);
  }

  static ProvisionerConfig.Codec codec(ConfigNode node) {
    ProvisionerConfig.Codec codec =
        new ProvisionerConfig.Codec(
            node.path("key_file", "codec.key_file: /etc/fleetwright/codec.key"),
            node
                .strings(
                    "old_key_files", List.of(), "codec.old_key_files: [/etc/fleetwright/old.key]")
                .stream()
                .map(Path::of)
                .toList(),
            node.integer("endpoint_port", 0, 0, 65535, "codec.endpoint_port: 8089"),
            node.strings(
                "cors_origins",
                List.of("http://localhost:8233", "http://127.0.0.1:8233"),
                "codec.cors_origins: [https://temporal-ui.example.net]"),
            node.path(
                "endpoint_token_file", "codec.endpoint_token_file: /etc/fleetwright/codec.token"),
            node.string("endpoint_address", "127.0.0.1", "codec.endpoint_address: 127.0.0.1"));
    node.rejectUnknown();
    return codec;
  }

  static ProvisionerConfig.FailedRetry failedRetry(ConfigNode node) {
    Duration backoff =
        node.durationOrOff(
            "backoff",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            "failed_retry.backoff: 5m (or off)");
    node.rejectUnknown();
    return new ProvisionerConfig.FailedRetry(backoff);
  }

  static Discovery discovery(ConfigNode node) {
    Discovery d =
        new Discovery(
            node.bool("lifecycle", true),
            node.bool("registration", true),
            node.bool("broadcast", true),
            node.integer("max_waiting", 100_000, 100, 10_000_000, "discovery.max_waiting: 100000"));
    node.rejectUnknown();
    if (!d.lifecycle() && !d.registration() && !d.broadcast()) {
      throw new ConfigException(
          "discovery turns off all three sources, so no node would ever be found; keep at least"
              + " one, e.g. discovery: {lifecycle: true}");
    }
    return d;
  }

  static ProvisionerConfig.Approval approval(ConfigNode node) {
    Duration timeout =
        node.duration("timeout", Duration.ofDays(1), Duration.ofSeconds(1), "approval.timeout: 1d");
    String onTimeout = node.string("on_timeout", "defer", "approval.on_timeout: defer");
    node.rejectUnknown();
    if (!onTimeout.equals("defer") && !onTimeout.equals("fail")) {
      throw new ConfigException(
          "approval.on_timeout must be defer or fail, got '"
              + onTimeout
              + "'; e.g. approval.on_timeout: defer (the node is retried and its helper asked"
              + " again)");
    }
    return new ProvisionerConfig.Approval(timeout, onTimeout.equals("fail"));
  }
}
