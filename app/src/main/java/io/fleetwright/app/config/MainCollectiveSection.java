package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig.MainCollective;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.app.ProvisionerConfig.NatsTls;
import io.fleetwright.app.ProvisionerConfig.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code main_collective:} section: its brokers, and a login and TLS files of its own with the
 * key names of {@code nats:}. What it leaves out is taken from {@code nats:} when connecting.
 */
final class MainCollectiveSection {
  private static final String NATS_LOGIN = "the nats: login";

  private MainCollectiveSection() {}

  static MainCollective read(ConfigNode node, Nats nats) {
    List<String> servers = servers(node, nats);
    Optional<String> user = node.optionalString("user", "main_collective.user: fleetwright");
    node.describeDefault("user", Nats.PROVISIONING_USER + " with main_collective.password");
    Secret password = new Secret(node.string("password", "", "main_collective.password: s3cret"));
    node.describeDefault("password", NATS_LOGIN);
    Optional<Path> credentials =
        node.path("credentials", "main_collective.credentials: /etc/fleetwright/main.creds");
    node.describeDefault("credentials", NATS_LOGIN);
    Optional<Path> nkey = node.path("nkey", "main_collective.nkey: /etc/fleetwright/main.nk");
    node.describeDefault("nkey", NATS_LOGIN);
    NatsTls tls = tls(node.child("tls"));
    node.rejectUnknown();
    checkLogin(user, password, credentials, nkey);
    return new MainCollective(servers, user, password, credentials, nkey, tls);
  }

  private static List<String> servers(ConfigNode node, Nats nats) {
    List<String> servers =
        node.strings("servers", nats.servers(), "main_collective.servers: [nats://broker1:4222]");
    node.describeDefault("servers", "nats.servers");
    for (String s : servers) {
      if (!s.matches("(nats|tls)://[^\\s/]+(:\\d+)?")) {
        throw new ConfigException(
            "main_collective.servers entry '"
                + s
                + "' is not a NATS URL; e.g. main_collective.servers: [nats://broker1:4222]");
      }
    }
    if (servers.isEmpty()) {
      throw new ConfigException(
          "main_collective.servers must name at least one broker, e.g. nats://broker1:4222");
    }
    return servers;
  }

  private static void checkLogin(
      Optional<String> user, Secret password, Optional<Path> credentials, Optional<Path> nkey) {
    if (user.isPresent() && !password.isSet()) {
      throw new ConfigException(
          "main_collective.user needs main_collective.password (a login falls back to nats: only"
              + " as a whole); e.g. main_collective: {user: fleetwright, password: s3cret}");
    }
    int ways =
        (password.isSet() ? 1 : 0) + credentials.map(c -> 1).orElse(0) + nkey.map(k -> 1).orElse(0);
    if (ways > 1) {
      throw new ConfigException(
          "main_collective.password, main_collective.credentials and main_collective.nkey are"
              + " three ways to log in to the main collective's broker; set only one, e.g."
              + " main_collective: {user: fleetwright, password: s3cret}");
    }
  }

  private static NatsTls tls(ConfigNode node) {
    NatsTls tls =
        new NatsTls(
            node.path("ca", "main_collective.tls.ca: /etc/fleetwright/main-ca.pem"),
            node.path("cert", "main_collective.tls.cert: /etc/fleetwright/provisioner.pem"),
            node.path("key", "main_collective.tls.key: /etc/fleetwright/provisioner.key"));
    node.describeDefault("ca", "nats.tls.ca");
    node.describeDefault("cert", "nats.tls.cert");
    node.describeDefault("key", "nats.tls.key");
    node.rejectUnknown();
    if (tls.cert().isPresent() != tls.key().isPresent()) {
      throw new ConfigException(
          "main_collective.tls.cert and main_collective.tls.key go together (our client"
              + " certificate and its private key, PEM); set both or neither, e.g."
              + " main_collective.tls: {cert: /etc/fleetwright/prov.pem, key:"
              + " /etc/fleetwright/prov.key}");
    }
    return tls;
  }
}
