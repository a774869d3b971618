package io.fleetwright.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.workflows.ActivityTimeouts;
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
  // At least two 22 s gencsr tries with their back-off; a node making RSA keys on a loaded host
  // can take most of one try.
  private static final Duration MIN_READ_STEPS_BUDGET = Duration.ofMinutes(1);
  private static final Duration MAX_READ_STEPS_BUDGET = Duration.ofMinutes(5);

  private ConfigLoader() {}

  /**
   * Reads a config file.
   *
   * @param file the YAML file
   * @return the validated config
   * @throws ConfigException naming the key at fault and a valid example
   */
  public static ProvisionerConfig load(Path file) {
    return parse(read(file));
  }

  /**
   * Reads a config file as {@code provisioner run} does, with the Choria client config the Go
   * provisioner reads ({@code --choria-config}), if given: its brokers become {@code nats.servers}
   * and its {@code identity} the provisioner's unless the config file sets it; see {@link
   * ChoriaClientConfig} for the rest.
   *
   * @param file the YAML file
   * @param choria the Choria client config
   * @param srv the DNS SRV lookup for {@code plugin.choria.srv_domain}
   * @param temporal a Temporal frontend {@code host:port} that replaces {@code temporal.target}
   * @return the validated config
   * @throws ConfigException naming the key at fault, in which file, and a valid example
   */
  public static ProvisionerConfig load(
      Path file, Optional<ChoriaClientConfig> choria, SrvLookup srv, Optional<String> temporal) {
    JsonNode tree = tree(read(file));
    ObjectNode root = tree instanceof ObjectNode o ? o : YAML.createObjectNode();
    if (tree != null && !tree.isObject()) {
      return fromTree(new ConfigNode("", tree), System.getenv());
    }
    choria.ifPresent(c -> merge(file, root, c, srv));
    temporal.ifPresent(
        target -> {
          JsonNode section = root.get("temporal");
          (section instanceof ObjectNode t ? t : root.putObject("temporal")).put("target", target);
        });
    return fromTree(new ConfigNode("", root), System.getenv());
  }

  private static void merge(Path file, ObjectNode root, ChoriaClientConfig choria, SrvLookup srv) {
    choria.check(root.path("choria_insecure").asBoolean(true));
    List<String> brokers = choria.brokers(srv);
    if (!brokers.isEmpty()) {
      JsonNode nats = root.get("nats");
      if (nats != null && nats.has("servers")) {
        throw new ConfigException(
            "both nats.servers in "
                + file
                + " and "
                + ChoriaClientConfig.MIDDLEWARE_HOSTS
                + " (or its SRV domain) in "
                + choria.file()
                + " name the brokers; keep one of them");
      }
      ObjectNode section = nats instanceof ObjectNode n ? n : root.putObject("nats");
      brokers.forEach(section.putArray("servers")::add);
    }
    if (!root.has("identity")) {
      choria.identity().ifPresent(id -> root.put("identity", id));
    }
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          "config file " + file + " does not exist; pass an existing file with --config FILE");
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("could not read config file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Parses config text, with Temporal's {@code TEMPORAL_*} variables and profile from this
   * process's environment.
   *
   * @param yaml the YAML text (an empty text gives all defaults)
   * @return the validated config
   */
  public static ProvisionerConfig parse(String yaml) {
    return parse(yaml, System.getenv());
  }

  /**
   * Parses config text.
   *
   * @param yaml the YAML text (an empty text gives all defaults)
   * @param env the environment Temporal's client settings are read from ({@code TEMPORAL_*})
   * @return the validated config
   */
  public static ProvisionerConfig parse(String yaml, java.util.Map<String, String> env) {
    return fromTree(new ConfigNode("", tree(yaml)), env);
  }

  private static JsonNode tree(String yaml) {
    try {
      return yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException("the config is not valid YAML: " + e.getOriginalMessage());
    }
  }

  /**
   * Every config key with its default, as text ({@code none} when unset, {@code empty} for an empty
   * string, {@code ignored} for Go keys accepted without effect). README.md documents each one.
   *
   * @return full key paths such as {@code temporal.target}, sorted, to their defaults
   */
  public static java.util.SortedMap<String, String> keysWithDefaults() {
    java.util.SortedMap<String, String> defaults = new java.util.TreeMap<>();
    fromTree(new ConfigNode("", null, defaults), null);
    return java.util.Collections.unmodifiableSortedMap(defaults);
  }

  private static ProvisionerConfig fromTree(
      ConfigNode root, java.util.@org.jspecify.annotations.Nullable Map<String, String> env) {
    Leading first = leading(root);
    ProvisionerConfig.Nats nats = ConfigSections.nats(root.child("nats"), first.brokerPassword());
    ConfigNode caNode = root.child("ca");
    ProvisionerConfig.CaLimit caLimit = ConfigSections.caLimit(caNode);
    ProvisionerConfig config =
        new ProvisionerConfig(
            first.workers(),
            first.interval(),
            root.string("logfile", "stdout", "logfile: stdout"),
            first.loglevel(),
            logformat(root),
            root.optionalString("helper", "helper: /etc/fleetwright/provision.js"),
            first.helperRuntime(),
            helperTimeout(root),
            readStepsBudget(root),
            new Secret(root.string("token", "", "token: s3cret")),
            first.lifecycleComponent(),
            root.bool("choria_insecure", true),
            root.string("site", "", "site: ams1"),
            identity(root),
            root.integer("monitor_port", 0, 0, 65535, "monitor_port: 9090"),
            root.string("monitor_address", "127.0.0.1", "monitor_address: 0.0.0.0"),
            first.certDenyList(),
            root.optionalString(
                "jwt_verify_cert", "jwt_verify_cert: /etc/choria/prov-signer.public"),
            root.path("jwt_signing_key", "jwt_signing_key: /etc/choria/signer.seed"),
            serverJwtValidity(root),
            ConfigSections.features(root.child("features"), root),
            TemporalSection.read(root.child("temporal"), env),
            nats,
            ConfigSections.defer(root.child("defer")),
            ConfigSections.discovery(root.child("discovery")),
            ConfigSections.failedRetry(root.child("failed_retry")),
            ConfigSections.ca(caNode, root.has("ca"), caLimit),
            ConfigSections.codec(root.child("codec")),
            root.string("site_collective", "mcollective", "site_collective: mcollective"),
            MainCollectiveSection.read(root.child("main_collective"), nats),
            ConfigSections.renewal(root.child("renewal")),
            ConfigSections.approval(root.child("approval")),
            caLimit);
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
    root.accept("broker_port", "rego_policy", "leader_election", "jwt_signing_token");
    return new Leading(workers, interval, loglevel, runtime, component, denyList, password);
  }

  private static String logformat(ConfigNode root) {
    String format = root.string("logformat", "text", "logformat: json");
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException(
          "logformat must be text or json, got '" + format + "', e.g. logformat: json");
    }
    return format;
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

  /**
   * How long the steps that only read a node retry it. All of them, and the helper, run within one
   * chain of heartbeated workflow tasks, which the Temporal server ends after 30 minutes.
   */
  private static Duration readStepsBudget(ConfigNode root) {
    Duration budget =
        root.duration(
            "read_steps_budget",
            ActivityTimeouts.DEFAULT_READ_TOTAL,
            MIN_READ_STEPS_BUDGET,
            "read_steps_budget: 3m");
    if (budget.compareTo(MAX_READ_STEPS_BUDGET) > 0) {
      throw new ConfigException(
          "read_steps_budget must be at most "
              + Durations.format(MAX_READ_STEPS_BUDGET)
              + ", got "
              + Durations.format(budget)
              + ": a node's reads and its helper run in one chain of workflow tasks that the"
              + " Temporal server ends after 30m; e.g. read_steps_budget: 3m");
    }
    return budget;
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
