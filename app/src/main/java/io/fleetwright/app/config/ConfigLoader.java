package io.fleetwright.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    Leading first = leading(root);
    ProvisionerConfig config =
        new ProvisionerConfig(
            first.workers(),
            first.interval(),
            root.string("logfile", "stdout", "logfile: stdout"),
            first.loglevel(),
            root.optionalString("helper", "helper: /etc/fleetwright/provision.js"),
            first.helperRuntime(),
            helperTimeout(root),
            new Secret(root.string("token", "", "token: s3cret")),
            first.lifecycleComponent(),
            root.bool("choria_insecure", true),
            root.string("site", "", "site: ams1"),
            identity(root),
            root.integer("monitor_port", 0, 0, 65535, "monitor_port: 9090"),
            root.string("monitor_address", "0.0.0.0", "monitor_address: 127.0.0.1"),
            first.certDenyList(),
            root.optionalString(
                "jwt_verify_cert", "jwt_verify_cert: /etc/choria/prov-signer.public"),
            root.path("jwt_signing_key", "jwt_signing_key: /etc/choria/signer.seed"),
            serverJwtValidity(root),
            ConfigSections.features(root.child("features")),
            ConfigSections.temporal(root.child("temporal")),
            ConfigSections.nats(root.child("nats"), first.brokerPassword()),
            ConfigSections.defer(root.child("defer")),
            ConfigSections.discovery(root.child("discovery")),
            ConfigSections.failedRetry(root.child("failed_retry")),
            ConfigSections.ca(root.child("ca"), root.has("ca")),
            ConfigSections.codec(root.child("codec")),
            root.string("site_collective", "mcollective", "site_collective: mcollective"),
            ConfigSections.approval(root.child("approval")));
    root.rejectUnknown();
    requireFeatureKeys(config);
    return config;
  }

  /** The top-level keys checked before the rest, read in the order their errors are reported. */
  private record Leading(
      int workers,
      Duration interval,
      String loglevel,
      String helperRuntime,
      String lifecycleComponent,
      List<String> certDenyList,
      Secret brokerPassword) {}

  private static Leading leading(ConfigNode root) {
    int cpus = Runtime.getRuntime().availableProcessors();
    int workers = root.integer("workers", Math.max(32, cpus), 1, 10_000, "workers: 32");
    root.describeDefault("workers", "32 or the CPU count, whichever is larger");
    Duration interval =
        root.duration("interval", Duration.ofMinutes(1), Duration.ofSeconds(1), "interval: 1m");
    String loglevel = root.string("loglevel", "info", "loglevel: info");
    if (!LOG_LEVELS.contains(loglevel)) {
      throw new ConfigException("loglevel must be one of " + LOG_LEVELS + ", e.g. loglevel: info");
    }
    String runtime = helperRuntime(root);
    String component = lifecycleComponent(root);
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
    return new Leading(workers, interval, loglevel, runtime, component, denyList, password);
  }

  private static String helperRuntime(ConfigNode root) {
    String runtime = root.string("helper_runtime", "auto", "helper_runtime: auto");
    if (!RUNTIMES.contains(runtime)) {
      throw new ConfigException(
          "helper_runtime must be one of "
              + RUNTIMES
              + ", got '"
              + runtime
              + "'; e.g. helper_runtime: auto (chosen by the helper file's extension)");
    }
    return runtime;
  }

  private static String lifecycleComponent(ConfigNode root) {
    String component =
        root.string("lifecycle_component", "provision_mode_server", "provision_mode_server");
    if (component.isBlank() || component.matches(".*[.*>\\s].*")) {
      throw new ConfigException(
          "lifecycle_component may not be empty or contain '.', '*', '>' or spaces, got '"
              + component
              + "'; e.g. lifecycle_component: provision_mode_server");
    }
    return component;
  }

  /** Keys that a feature needs, checked once every key has been read. */
  private static void requireFeatureKeys(ProvisionerConfig config) {
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
  }

  private static Duration helperTimeout(ConfigNode root) {
    return root.duration(
        "helper_timeout", Duration.ofSeconds(10), Duration.ofMillis(100), "helper_timeout: 10s");
  }

  private static Duration serverJwtValidity(ConfigNode root) {
    return root.duration(
        "server_jwt_validity",
        Duration.ofDays(365),
        Duration.ofHours(1),
        "server_jwt_validity: 1y");
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
}
