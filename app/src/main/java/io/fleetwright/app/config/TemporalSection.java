package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.Temporal;
import io.fleetwright.app.ProvisionerConfig.TemporalTls;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code temporal:} section, merged with Temporal's own client settings as {@code
 * temporal-envconfig} loads them ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code
 * TEMPORAL_API_KEY}, {@code TEMPORAL_TLS_*}, and the profile {@code TEMPORAL_PROFILE} of the TOML
 * file {@code TEMPORAL_CONFIG_FILE}). Each setting comes from the first of: our YAML, the
 * environment, the profile, the default.
 */
final class TemporalSection {
  static final String DEFAULT_TARGET = "127.0.0.1:7233";

  private TemporalSection() {}

  /**
   * @param env the environment, or null to ignore Temporal's variables and profile (for listing the
   *     defaults)
   */
  static Temporal read(ConfigNode node, @Nullable Map<String, String> env) {
    if (node.has("api_key")) {
      throw new ConfigException(
          "temporal.api_key is not accepted: a key in the config file is read by anyone who can"
              + " read the config; put it in a file only the provisioner can read and set"
              + " temporal.api_key_file: /etc/fleetwright/temporal.key (or set TEMPORAL_API_KEY)");
    }
    ClientConfigProfile profile =
        env == null ? ClientConfigProfile.getDefaultInstance() : load(env);
    String target =
        pick(node, "target", DEFAULT_TARGET, "temporal.target: temporal.example.net:7233")
            .or(() -> nonBlank(profile.getAddress()))
            .orElse(DEFAULT_TARGET);
    String namespace =
        pick(node, "namespace", "default", "temporal.namespace: default")
            .or(() -> nonBlank(profile.getNamespace()))
            .orElse("default");
    String taskQueue =
        node.string("task_queue", "provisioning", "temporal.task_queue: provisioning");
    Secret apiKey =
        apiKeyFile(node)
            .map(TemporalSection::readApiKey)
            .orElseGet(() -> new Secret(nonBlank(profile.getApiKey()).orElse("")));
    TemporalTls tls = TemporalTlsSection.read(node.child("tls"), profile.getTls(), apiKey.isSet());
    node.rejectUnknown();
    if (!target.matches("[^\\s:]+:\\d{1,5}")) {
      throw new ConfigException(
          "temporal.target must be host:port (set here or by TEMPORAL_ADDRESS), got '"
              + target
              + "'; e.g. temporal.target: 127.0.0.1:7233");
    }
    return new Temporal(target, namespace, taskQueue, tls, apiKey);
  }

  /**
   * The YAML's value when the key is there; the default is recorded for the reference either way.
   */
  private static Optional<String> pick(
      ConfigNode node, String name, String fallback, String example) {
    String value = node.string(name, fallback, example);
    return node.has(name) ? Optional.of(value) : Optional.empty();
  }

  private static Optional<Path> apiKeyFile(ConfigNode node) {
    Optional<Path> file =
        node.path("api_key_file", "temporal.api_key_file: /etc/fleetwright/temporal.key");
    node.describeDefault("api_key_file", "none (then env TEMPORAL_API_KEY)");
    return file;
  }

  private static Secret readApiKey(Path file) {
    try {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new ConfigException(
            "temporal.api_key_file " + file + " is empty; write the Temporal API key into it");
      }
      return new Secret(key);
    } catch (IOException e) {
      throw new ConfigException(
          "temporal.api_key_file "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); check the path and that the provisioner's user may read it");
    }
  }

  /** Temporal's own loader: the TOML profile, then the {@code TEMPORAL_*} variables over it. */
  private static ClientConfigProfile load(Map<String, String> env) {
    String file = env.getOrDefault("TEMPORAL_CONFIG_FILE", "");
    try {
      return ClientConfigProfile.load(
          LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(env).build());
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "Temporal's client config "
              + (file.isEmpty() ? "(~/.config/temporalio/temporal.toml)" : file)
              + " could not be used: "
              + firstLine(e.getMessage())
              + "; fix the file, or TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE");
    }
  }

  static Optional<String> nonBlank(@Nullable String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Used by {@link TemporalTlsSection} to name where inline PEM came from. */
  static Secret data(byte @Nullable [] bytes) {
    return new Secret(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8));
  }

  static boolean tlsOffInProfile(@Nullable ClientConfigTLS tls) {
    return tls != null && Boolean.TRUE.equals(tls.isDisabled());
  }
}
