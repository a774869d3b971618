package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Ca;
import io.fleetwright.app.ProvisionerConfig.Defer;
import io.fleetwright.app.ProvisionerConfig.Discovery;
import io.fleetwright.app.ProvisionerConfig.Features;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.Temporal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The config's sections ({@code features:}, {@code temporal:}, ...), each read and checked. */
final class ConfigSections {
  private ConfigSections() {}

  static Features features(ConfigNode node) {
    boolean pki = node.bool("pki", false);
    boolean ed25519 = node.bool("ed25519", false);
    boolean jwt = node.bool("jwt", false) || ed25519;
    if (node.bool("upgrades", false)) {
      throw new ConfigException(
          "features.upgrades is not supported yet; remove it (nodes keep their Choria version)");
    }
    node.rejectUnknown();
    if (pki && ed25519) {
      throw new ConfigException(
          "features.pki and features.ed25519 cannot both be on (as in the Go provisioner); choose"
              + " one, e.g. features: {pki: true, ed25519: false}");
    }
    return new Features(pki, jwt, ed25519);
  }

  static Temporal temporal(ConfigNode node) {
    Temporal t =
        new Temporal(
            node.string("target", "127.0.0.1:7233", "temporal.target: temporal.example.net:7233"),
            node.string("namespace", "default", "temporal.namespace: default"),
            node.string("task_queue", "provisioning", "temporal.task_queue: provisioning"));
    node.rejectUnknown();
    if (!t.target().matches("[^\\s:]+:\\d{1,5}")) {
      throw new ConfigException(
          "temporal.target must be host:port, got '"
              + t.target()
              + "'; e.g. temporal.target: 127.0.0.1:7233");
    }
    return t;
  }

  static Nats nats(ConfigNode node, Secret password) {
    List<String> servers =
        node.strings(
            "servers", List.of("nats://127.0.0.1:4222"), "nats.servers: [nats://broker1:4222]");
    node.rejectUnknown();
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
    return new Nats(servers, password);
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

  static Optional<Ca> ca(ConfigNode node, boolean present) {
    Optional<Path> dir = node.path("dir", "ca.dir: /var/lib/fleetwright/ca");
    Ca ca =
        new Ca(
            dir.orElse(null),
            node.string("common_name", "Fleetwright CA", "ca.common_name: Example Provisioning CA"),
            node.duration(
                "validity", Duration.ofDays(365), Duration.ofHours(1), "ca.validity: 1y"));
    node.rejectUnknown();
    if (present && dir.isEmpty()) {
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
                "codec.cors_origins: [https://temporal-ui.example.net]"));
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
            node.bool("broadcast", true));
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
