package io.fleetwright.app.broker;

import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.MainCollective;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.app.ProvisionerConfig.NatsTls;
import io.fleetwright.app.ProvisionerConfig.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One broker connection's settings as they apply: the servers, at most one login, and the TLS
 * files, each with the config section it came from, so that an error names the key to fix. The main
 * collective's connection takes what {@code main_collective:} leaves out from {@code nats:}: the
 * login as a whole (user and password, credentials or nkey), the CA, and the client certificate
 * with its key.
 *
 * @param section the section connected for: {@code nats} or {@code main_collective}
 * @param servers the broker URLs
 * @param user the user of a password login
 * @param password its password, not set for the other logins
 * @param credentials a NATS credentials file to log in with
 * @param nkey an nkey seed file to log in with
 * @param loginSection the section the login came from
 * @param tls the TLS files
 * @param caSection the section {@code tls.ca} came from
 * @param certSection the section {@code tls.cert} and {@code tls.key} came from
 */
public record BrokerAccess(
    String section,
    List<String> servers,
    Optional<String> user,
    Secret password,
    Optional<Path> credentials,
    Optional<Path> nkey,
    String loginSection,
    NatsTls tls,
    String caSection,
    String certSection) {
  static final String NATS = "nats";
  static final String MAIN = "main_collective";

  /** Copies the servers and requires the rest. */
  public BrokerAccess {
    servers = List.copyOf(servers);
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(nkey, "nkey");
    Objects.requireNonNull(loginSection, "loginSection");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(caSection, "caSection");
    Objects.requireNonNull(certSection, "certSection");
  }

  /**
   * The provisioning collective's connection: {@code nats:} and {@code
   * broker_provisioning_password}.
   */
  public static BrokerAccess provisioning(Nats nats) {
    return new BrokerAccess(
        NATS,
        nats.servers(),
        nats.password().isSet() ? Optional.of(Nats.PROVISIONING_USER) : Optional.empty(),
        nats.password(),
        nats.credentials(),
        nats.nkey(),
        NATS,
        nats.tls(),
        NATS,
        NATS);
  }

  /** The main collective's connection: {@code main_collective:}, else {@code nats:}. */
  public static BrokerAccess mainCollective(ProvisionerConfig config) {
    MainCollective main = config.mainCollective();
    BrokerAccess nats = provisioning(config.nats());
    boolean ownCa = main.tls().ca().isPresent();
    boolean ownCert = main.tls().cert().isPresent();
    NatsTls tls =
        new NatsTls(
            ownCa ? main.tls().ca() : nats.tls().ca(),
            ownCert ? main.tls().cert() : nats.tls().cert(),
            ownCert ? main.tls().key() : nats.tls().key());
    String caSection = ownCa ? MAIN : NATS;
    String certSection = ownCert ? MAIN : NATS;
    if (!main.ownLogin()) {
      return new BrokerAccess(
          MAIN,
          main.servers(),
          nats.user(),
          nats.password(),
          nats.credentials(),
          nats.nkey(),
          NATS,
          tls,
          caSection,
          certSection);
    }
    return new BrokerAccess(
        MAIN,
        main.servers(),
        main.password().isSet()
            ? Optional.of(main.user().orElse(Nats.PROVISIONING_USER))
            : Optional.empty(),
        main.password(),
        main.credentials(),
        main.nkey(),
        MAIN,
        tls,
        caSection,
        certSection);
  }

  /** Returns the full key of a setting in this connection's section, e.g. {@code nats.servers}. */
  String key(String name) {
    return section + "." + name;
  }

  /** Returns what the login is, for a message: keys and user, never the secret. */
  String describeLogin() {
    boolean provisioning = loginSection.equals(NATS);
    if (password.isSet()) {
      return (provisioning
              ? "broker_provisioning_password"
              : "main_collective.user and main_collective.password")
          + ", user "
          + user.orElseThrow();
    }
    if (credentials.isPresent()) {
      return loginSection + ".credentials " + credentials.get();
    }
    if (nkey.isPresent()) {
      return loginSection + ".nkey " + nkey.get();
    }
    return "no login";
  }
}
