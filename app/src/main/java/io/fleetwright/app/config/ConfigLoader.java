package io.fleetwright.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Ca;
import io.fleetwright.app.ProvisionerConfig.Defer;
import io.fleetwright.app.ProvisionerConfig.Discovery;
import io.fleetwright.app.ProvisionerConfig.Features;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.Temporal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Loads and validates the YAML config; every default lives here. */
public final class ConfigLoader {
  /** The Go provisioner's default CSR deny list: Choria client certificate names. */
  public static final List<String> DEFAULT_CERT_DENY_LIST =
      List.of(
          "\\.privileged.mcollective$", "\\.privileged.choria$", "\\.mcollective$", "\\.choria$");

  private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");
  private static final Set<String> RUNTIMES = Set.of("auto", "subprocess", "javascript", "python");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /**
   * Reads a config file.
   *
   * @param file the YAML file
   * @return the validated config
   * @throws ConfigException naming the key at fault and a valid example
   */
  public static ProvisionerConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          "config file " + file + " does not exist; pass an existing file with --config FILE");
    }
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("could not read config file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Parses config text.
   *
   * @param yaml the YAML text (an empty text gives all defaults)
   * @return the validated config
   */
  public static ProvisionerConfig parse(String yaml) {
    JsonNode tree;
    try {
      tree = yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException("the config is not valid YAML: " + e.getOriginalMessage());
    }
    return fromTree(new ConfigNode("", tree));
  }

  /**
   * Every config key with its default, as text ({@code none} when unset, {@code empty} for an empty
   * string, {@code ignored} for Go keys accepted without effect). README.md documents each one.
   *
   * @return full key paths such as {@code temporal.target}, sorted, to their defaults
   */
  public static java.util.SortedMap<String, String> keysWithDefaults() {
    java.util.SortedMap<String, String> defaults = new java.util.TreeMap<>();
    fromTree(new ConfigNode("", null, defaults));
    return java.util.Collections.unmodifiableSortedMap(defaults);
  }

  private static ProvisionerConfig fromTree(ConfigNode root) {
    int cpus = Runtime.getRuntime().availableProcessors();
    int workers = root.integer("workers", Math.max(32, cpus), 1, 10_000, "workers: 32");
    root.describeDefault("workers", "32 or the CPU count, whichever is larger");
    Duration interval =
        root.duration("interval", Duration.ofMinutes(1), Duration.ofSeconds(1), "interval: 1m");
    String loglevel = root.string("loglevel", "info", "loglevel: info");
    if (!LOG_LEVELS.contains(loglevel)) {
      throw new ConfigException("loglevel must be one of " + LOG_LEVELS + ", e.g. loglevel: info");
    }
    String runtime = root.string("helper_runtime", "auto", "helper_runtime: auto");
    if (!RUNTIMES.contains(runtime)) {
      throw new ConfigException(
          "helper_runtime must be one of "
              + RUNTIMES
              + ", got '"
              + runtime
              + "'; e.g. helper_runtime: auto (chosen by the helper file's extension)");
    }
    String component =
        root.string("lifecycle_component", "provision_mode_server", "provision_mode_server");
    if (component.isBlank() || component.matches(".*[.*>\\s].*")) {
      throw new ConfigException(
          "lifecycle_component may not be empty or contain '.', '*', '>' or spaces, got '"
              + component
              + "'; e.g. lifecycle_component: provision_mode_server");
    }
    List<String> denyList =
        root.strings("cert_deny_list", DEFAULT_CERT_DENY_LIST, "cert_deny_list: ['\\.choria$']");
    denyList.forEach(ConfigLoader::checkRegex);
    Secret password = new Secret(root.string("broker_provisioning_password", "", "s3cret"));
    root.accept(
        "broker_port",
        "rego_policy",
        "leader_election",
        "upgrades_repository",
        "upgrades_optional",
        "jwt_signing_token");
    ProvisionerConfig config =
        new ProvisionerConfig(
            workers,
            interval,
            root.string("logfile", "stdout", "logfile: stdout"),
            loglevel,
            root.optionalString("helper", "helper: /etc/fleetwright/provision.js"),
            runtime,
            root.duration(
                "helper_timeout",
                Duration.ofSeconds(10),
                Duration.ofMillis(100),
                "helper_timeout: 10s"),
            new Secret(root.string("token", "", "token: s3cret")),
            component,
            root.bool("choria_insecure", true),
            root.string("site", "", "site: ams1"),
            identity(root),
            root.integer("monitor_port", 0, 0, 65535, "monitor_port: 9090"),
            root.string("monitor_address", "0.0.0.0", "monitor_address: 127.0.0.1"),
            denyList,
            root.optionalString(
                "jwt_verify_cert", "jwt_verify_cert: /etc/choria/prov-signer.public"),
            root.path("jwt_signing_key", "jwt_signing_key: /etc/choria/signer.seed"),
            root.duration(
                "server_jwt_validity",
                Duration.ofDays(365),
                Duration.ofHours(1),
                "server_jwt_validity: 1y"),
            features(root.child("features")),
            temporal(root.child("temporal")),
            nats(root.child("nats"), password),
            defer(root.child("defer")),
            discovery(root.child("discovery")),
            failedRetry(root.child("failed_retry")),
            ca(root.child("ca"), root.has("ca")),
            codec(root.child("codec")),
            root.string("site_collective", "mcollective", "site_collective: mcollective"));
    root.rejectUnknown();
    if (config.features().jwt() && config.jwtVerifyCert().isEmpty()) {
      throw new ConfigException(
          "features.jwt needs jwt_verify_cert: the file or hex ed25519 key that signed the nodes'"
              + " provisioning JWTs, e.g. jwt_verify_cert: /etc/choria/prov-signer.public");
    }
    if (config.features().ed25519() && config.jwtSigningKey().isEmpty()) {
      throw new ConfigException(
          "features.ed25519 needs jwt_signing_key: the ed25519 seed file used to sign server JWTs,"
              + " e.g. jwt_signing_key: /etc/choria/signer.seed");
    }
    return config;
  }

  private static String identity(ConfigNode root) {
    String identity =
        root.string("identity", "fleetwright.provisioner", "identity: provisioner.example.net");
    if (identity.isBlank() || identity.matches(".*[\\s*>].*")) {
      throw new ConfigException(
          "identity must be a Choria identity without spaces or the wildcards * and >, got '"
              + identity
              + "'; e.g. identity: provisioner.example.net. Every worker of one"
              + " provisioner uses the same identity, so they share each node's provisioning lock");
    }
    return identity;
  }

  private static void checkRegex(String regex) {
    try {
      Pattern.compile(
          regex.startsWith("/") && regex.endsWith("/") && regex.length() > 1
              ? regex.substring(1, regex.length() - 1)
              : regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(
          "cert_deny_list entry '"
              + regex
              + "' is not a valid regular expression ("
              + e.getDescription()
              + "); e.g. '\\.choria$'");
    }
  }

  private static Features features(ConfigNode node) {
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

  private static Temporal temporal(ConfigNode node) {
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

  private static Nats nats(ConfigNode node, Secret password) {
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

  private static Defer defer(ConfigNode node) {
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

  private static Optional<Ca> ca(ConfigNode node, boolean present) {
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

  private static ProvisionerConfig.Codec codec(ConfigNode node) {
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

  private static ProvisionerConfig.FailedRetry failedRetry(ConfigNode node) {
    Duration backoff =
        node.durationOrOff(
            "backoff",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            "failed_retry.backoff: 5m (or off)");
    node.rejectUnknown();
    return new ProvisionerConfig.FailedRetry(backoff);
  }

  private static Discovery discovery(ConfigNode node) {
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
}
