package io.fleetwright.app.broker;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.protocol.BrokerConnectException;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.ChoriaClientBuilder;

/**
 * Applies a connection's login and TLS ({@code nats:} with {@code broker_provisioning_password}, or
 * {@code main_collective:}) to a client, and turns a refused first connection into one line that
 * names the broker and the setting to fix.
 */
public final class BrokerLogin {
  private BrokerLogin() {}

  /**
   * A client builder for the provisioning brokers with their login and TLS.
   *
   * @param nats the {@code nats:} section (with the provisioning password)
   * @return a builder with the URLs and security set; identity and collective still to set
   */
  public static ChoriaClientBuilder builder(Nats nats) {
    return builder(BrokerAccess.provisioning(nats));
  }

  /**
   * A client builder for one connection's brokers with its login and TLS.
   *
   * @param access the connection's settings
   * @return a builder with the URLs and security set; identity and collective still to set
   */
  public static ChoriaClientBuilder builder(BrokerAccess access) {
    ChoriaClientBuilder builder =
        ChoriaClient.builder().natsUrl(String.join(",", access.servers()));
    if (access.password().isSet()) {
      builder.userInfo(access.user().orElseThrow(), access.password().value().toCharArray());
    }
    access.credentials().ifPresent(builder::credentialsFile);
    access.nkey().ifPresent(builder::nkeyFile);
    if (access.tls().configured()) {
      builder.sslContext(BrokerTls.context(access));
    }
    return builder;
  }

  /**
   * Connects to the provisioning brokers, naming the setting to fix when they refuse us.
   *
   * @param builder a builder from {@link #builder(Nats)}, completed
   * @param nats the same section
   * @return the connected client
   * @throws ConfigException when the broker refused the login or its certificate is not trusted
   */
  public static ChoriaClient connect(ChoriaClientBuilder builder, Nats nats) {
    return connect(builder, BrokerAccess.provisioning(nats));
  }

  /**
   * Connects, naming the setting to fix when the broker refuses us.
   *
   * @param builder a builder from {@link #builder(BrokerAccess)}, completed
   * @param access the same settings
   * @return the connected client
   * @throws ConfigException when the broker refused the login or its certificate is not trusted
   */
  public static ChoriaClient connect(ChoriaClientBuilder builder, BrokerAccess access) {
    try {
      return builder.connect();
    } catch (BrokerConnectException e) {
      String fix = fix(e.reason(), access);
      throw fix.isEmpty() ? e : new ConfigException(e.problem() + "; " + fix);
    }
  }

  static String fix(BrokerConnectException.Reason reason, BrokerAccess access) {
    String tls = access.key("tls");
    return switch (reason) {
      case AUTHORIZATION ->
          access.section().equals(BrokerAccess.NATS) ? login(access) : main(access);
      case UNTRUSTED_CERTIFICATE ->
          "set "
              + tls
              + ".ca to the CA that signed the broker's certificate (now "
              + access
                  .tls()
                  .ca()
                  .map(ca -> ca + from(access.caSection(), access, "tls.ca"))
                  .orElse("the JVM's trust store is used")
              + ")";
      case WRONG_HOST ->
          "name each broker in "
              + access.key("servers")
              + " as its certificate does (a host name or IP address in its subject alternative"
              + " names)";
      case TLS_HANDSHAKE ->
          "check "
              + tls
              + ".ca, and "
              + tls
              + ".cert and "
              + tls
              + ".key if the broker asks for a client certificate"
              + (access.caSection().equals(access.section())
                      && access.certSection().equals(access.section())
                  ? ""
                  : " (unset ones are taken from nats.tls)");
      case TLS_REQUIRED -> "use tls:// in " + access.key("servers") + " or set " + tls + ".ca";
      case UNREACHABLE -> "";
    };
  }

  private static String from(String section, BrokerAccess access, String name) {
    return section.equals(access.section()) ? "" : ", taken from " + section + "." + name;
  }

  private static String login(BrokerAccess nats) {
    if (nats.password().isSet()) {
      return "fix broker_provisioning_password (the broker's"
          + " plugin.choria.network.provisioning.client_password; we log in as user "
          + Nats.PROVISIONING_USER
          + ")";
    }
    if (nats.credentials().isPresent()) {
      return "fix nats.credentials (" + nats.credentials().get() + ")";
    }
    if (nats.nkey().isPresent()) {
      return "fix nats.nkey (" + nats.nkey().get() + ")";
    }
    return "set broker_provisioning_password (user "
        + Nats.PROVISIONING_USER
        + "), nats.credentials or nats.nkey";
  }

  private static String main(BrokerAccess main) {
    String keys =
        "main_collective.user and main_collective.password, main_collective.credentials or"
            + " main_collective.nkey";
    if (main.loginSection().equals(BrokerAccess.NATS)) {
      return "main_collective sets no login of its own, so we used the nats: one ("
          + main.describeLogin()
          + "); give the main collective's broker its login with "
          + keys;
    }
    if (main.password().isSet()) {
      return "fix main_collective.user and main_collective.password (we log in as user "
          + main.user().orElseThrow()
          + ")";
    }
    return "fix " + main.describeLogin() + ", or log in with " + keys;
  }
}
