package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Choria client config the Go provisioner reads with {@code --choria-config} ({@code key =
 * value} lines, {@code #} and {@code ;} comments). We honour what a provisioner needs to find its
 * broker: {@code plugin.choria.middleware_hosts}, else an SRV lookup in {@code
 * plugin.choria.srv_domain} (unless {@code plugin.choria.use_srv = false}), and {@code identity}.
 * Keys the Go provisioner itself overrides (log settings, collectives) have no effect there either,
 * nor do the security provider's keys while {@code choria_insecure} is on (Go then turns TLS off).
 * Any other key is refused by name: we would not do what it asks.
 */
public record ChoriaClientConfig(Path file, Map<String, String> values) {
  static final String MIDDLEWARE_HOSTS = "plugin.choria.middleware_hosts";
  static final String SRV_DOMAIN = "plugin.choria.srv_domain";
  static final String USE_SRV = "plugin.choria.use_srv";
  static final String IDENTITY = "identity";

  /** SRV names go-choria queries for brokers, in its order. */
  static final List<String> SRV_NAMES =
      List.of("_mcollective-server._tcp", "_x-puppet-mcollective._tcp");

  private static final Set<String> HONOURED =
      Set.of(MIDDLEWARE_HOSTS, SRV_DOMAIN, USE_SRV, IDENTITY);
  private static final Set<String> OVERRIDDEN_BY_GO =
      Set.of("loglevel", "logfile", "collectives", "main_collective");
  private static final List<String> SECURITY_PREFIXES =
      List.of(
          "plugin.security.",
          "plugin.choria.security.",
          "plugin.choria.puppetca_",
          "plugin.choria.puppetserver_");

  /** Validates and copies. */
  public ChoriaClientConfig {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Reads a Choria config file.
   *
   * @throws ConfigException naming the file and line that is not {@code key = value}
   */
  public static ChoriaClientConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          "Choria config "
              + file
              + " does not exist; pass an existing file with --choria-config FILE");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new ConfigException("could not read Choria config " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "%s line %d is not 'key = value': %s; e.g. plugin.choria.middleware_hosts = nats1.example.net:4222"
                .formatted(file, i + 1, line));
      }
      values.put(
          line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
    }
    return new ChoriaClientConfig(file, values);
  }

  /**
   * Refuses every key we would not honour, naming it and the fix.
   *
   * @param insecure the provisioner config's {@code choria_insecure}
   */
  public void check(boolean insecure) {
    List<String> security = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (HONOURED.contains(key) || OVERRIDDEN_BY_GO.contains(key)) {
        continue;
      }
      if (SECURITY_PREFIXES.stream().noneMatch(key::startsWith)) {
        unknown.add(key);
      } else if (!insecure) {
        security.add(key);
      }
    }
    if (!security.isEmpty()) {
      throw new ConfigException(
          "%s sets %s, but this provisioner reaches the broker without client TLS or a Choria JWT;"
                  .formatted(file, String.join(", ", security))
              + " set choria_insecure: true in the provisioner config (the Go provisioner's packaged"
              + " default; give the broker a provisioning password with"
              + " broker_provisioning_password), or remove those keys");
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          ("%s sets %s, which this provisioner does not honour; it reads only %s from a Choria"
                  + " config (and ignores %s). Remove the key, or move the setting to the"
                  + " provisioner config")
              .formatted(
                  file,
                  String.join(", ", unknown),
                  HONOURED.stream().sorted().toList(),
                  OVERRIDDEN_BY_GO.stream().sorted().toList()));
    }
  }

  /** {@code identity}, if set. */
  public Optional<String> identity() {
    return Optional.ofNullable(values.get(IDENTITY)).filter(s -> !s.isBlank());
  }

  /**
   * The brokers as NATS URLs: {@code plugin.choria.middleware_hosts}, else the SRV records in
   * {@code plugin.choria.srv_domain}; empty when neither is set.
   *
   * @param srv looks up one SRV name, giving {@code host:port} entries in order
   */
  public List<String> brokers(SrvLookup srv) {
    String hosts = values.getOrDefault(MIDDLEWARE_HOSTS, "");
    if (!hosts.isBlank()) {
      List<String> urls = new ArrayList<>();
      for (String h : hosts.split(",")) {
        if (!h.isBlank()) {
          urls.add(url(h.strip(), MIDDLEWARE_HOSTS));
        }
      }
      return urls;
    }
    String domain = values.getOrDefault(SRV_DOMAIN, "");
    if (domain.isBlank() || values.getOrDefault(USE_SRV, "true").equalsIgnoreCase("false")) {
      return List.of();
    }
    List<String> tried = new ArrayList<>();
    for (String name : SRV_NAMES) {
      String record = name + "." + domain;
      tried.add(record);
      List<String> found = srv.lookup(record);
      if (!found.isEmpty()) {
        return found.stream().map(h -> url(h, "DNS SRV " + record)).toList();
      }
    }
    throw new ConfigException(
        "%s sets %s = %s, but DNS has no SRV record %s; publish one (e.g. %s IN SRV 10 0 4222 nats1.%s.) or set %s"
            .formatted(
                file,
                SRV_DOMAIN,
                domain,
                String.join(" or ", tried),
                tried.get(0),
                domain,
                MIDDLEWARE_HOSTS));
  }

  /** {@code host:port}, {@code nats://host:port} or {@code tls://host:port} as a NATS URL. */
  private String url(String entry, String from) {
    String url = entry.contains("://") ? entry : "nats://" + entry;
    if (!url.matches("(nats|tls)://[^\\s/:]+:\\d{1,5}")) {
      throw new ConfigException(
          "%s: %s entry '%s' is not host:port; e.g. %s = nats1.example.net:4222,nats2.example.net:4222"
              .formatted(file, from, entry, MIDDLEWARE_HOSTS));
    }
    return url;
  }
}
