package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.TemporalTls;
import io.temporal.envconfig.ClientConfigTLS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code temporal.tls:} each key over its {@code TEMPORAL_TLS_*} variable or profile value. TLS is
 * on when {@code enabled} says so, else when any TLS setting is given, else with an API key (as
 * Temporal's SDKs do), else off.
 */
final class TemporalTlsSection {
  private static final List<String> KEYS =
      List.of("ca_file", "cert_file", "key_file", "server_name");

  private TemporalTlsSection() {}

  static TemporalTls read(ConfigNode node, @Nullable ClientConfigTLS profile, boolean apiKey) {
    boolean explicit = node.has("enabled");
    boolean enabledValue = node.bool("enabled", false);
    node.describeDefault("enabled", "on with any TLS setting or an API key");
    Optional<Path> ca =
        file(
            node, "ca_file", profile, ClientConfigTLS::getServerCACertPath, "/etc/temporal/ca.pem");
    Optional<Path> cert =
        file(
            node,
            "cert_file",
            profile,
            ClientConfigTLS::getClientCertPath,
            "/etc/fleetwright/t.pem");
    Optional<Path> key =
        file(
            node, "key_file", profile, ClientConfigTLS::getClientKeyPath, "/etc/fleetwright/t.key");
    Optional<String> serverName =
        node.optionalString("server_name", "temporal.tls.server_name: temporal.example.net")
            .or(() -> TemporalSection.nonBlank(profile == null ? null : profile.getServerName()));
    boolean yamlSkipVerify = node.bool("disable_host_verification", false);
    boolean skipVerify =
        node.has("disable_host_verification")
            ? yamlSkipVerify
            : profile != null && Boolean.TRUE.equals(profile.isDisableHostVerification());
    node.rejectUnknown();
    boolean anyYaml = KEYS.stream().anyMatch(node::has);
    boolean enabled =
        explicit
            ? enabledValue
            : anyYaml
                || (profile != null && !TemporalSection.tlsOffInProfile(profile))
                || (apiKey && !TemporalSection.tlsOffInProfile(profile));
    TemporalTls tls =
        new TemporalTls(
            enabled,
            ca,
            cert,
            key,
            data(profile, ClientConfigTLS::getServerCACertData),
            data(profile, ClientConfigTLS::getClientCertData),
            data(profile, ClientConfigTLS::getClientKeyData),
            serverName,
            skipVerify);
    if (enabled) {
      check(tls);
    }
    return tls;
  }

  private static Optional<Path> file(
      ConfigNode node,
      String name,
      @Nullable ClientConfigTLS profile,
      Function<ClientConfigTLS, String> fromProfile,
      String example) {
    return node.path(name, "temporal.tls." + name + ": " + example)
        .or(
            () ->
                TemporalSection.nonBlank(profile == null ? null : fromProfile.apply(profile))
                    .map(Path::of));
  }

  private static Secret data(
      @Nullable ClientConfigTLS profile, Function<ClientConfigTLS, byte[]> bytes) {
    return TemporalSection.data(profile == null ? null : bytes.apply(profile));
  }

  private static void check(TemporalTls tls) {
    boolean hasCert = tls.certFile().isPresent() || tls.certData().isSet();
    boolean hasKey = tls.keyFile().isPresent() || tls.keyData().isSet();
    if (hasCert != hasKey) {
      throw new ConfigException(
          "temporal.tls.cert_file and temporal.tls.key_file (TEMPORAL_TLS_CLIENT_CERT_PATH,"
              + " TEMPORAL_TLS_CLIENT_KEY_PATH) go together: mTLS needs both the client"
              + " certificate and its key, got only the "
              + (hasCert ? "certificate" : "key"));
    }
    readable(tls.caFile(), "temporal.tls.ca_file (TEMPORAL_TLS_SERVER_CA_CERT_PATH)");
    readable(tls.certFile(), "temporal.tls.cert_file (TEMPORAL_TLS_CLIENT_CERT_PATH)");
    readable(tls.keyFile(), "temporal.tls.key_file (TEMPORAL_TLS_CLIENT_KEY_PATH)");
  }

  private static void readable(Optional<Path> file, String setting) {
    if (file.isPresent() && !Files.isReadable(file.get())) {
      throw new ConfigException(
          setting
              + " "
              + file.get()
              + " "
              + (Files.exists(file.get()) ? "cannot be read by this user" : "does not exist")
              + "; give the path of a PEM file");
    }
  }
}
