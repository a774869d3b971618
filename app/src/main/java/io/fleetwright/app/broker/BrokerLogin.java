package io.fleetwright.app.broker;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig.Nats;
import io.fleetwright.protocol.BrokerConnectException;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.ChoriaClientBuilder;

/**
 * Applies {@code nats:} and {@code broker_provisioning_password} to a client, and turns a refused
 * first connection into one line that names the broker and the setting to fix.
 */
public final class BrokerLogin {
  private BrokerLogin() {}

  /**
   * A client builder for the configured brokers with their login and TLS.
   *
   * @param nats the {@code nats:} section (with the provisioning password)
   * @return a builder with the URLs and security set; identity and collective still to set
   */
  public static ChoriaClientBuilder builder(Nats nats) {
    ChoriaClientBuilder builder = ChoriaClient.builder().natsUrl(String.join(",", nats.servers()));
    if (nats.password().isSet()) {
      builder.userInfo(Nats.PROVISIONING_USER, nats.password().value().toCharArray());
    }
    nats.credentials().ifPresent(builder::credentialsFile);
    nats.nkey().ifPresent(builder::nkeyFile);
    if (nats.tls().configured()) {
      builder.sslContext(BrokerTls.context(nats.tls()));
    }
    return builder;
  }

  /**
   * Connects, naming the setting to fix when the broker refuses us.
   *
   * @param builder a builder from {@link #builder(Nats)}, completed
   * @param nats the same section
   * @return the connected client
   * @throws ConfigException when the broker refused the login or its certificate is not trusted
   */
  public static ChoriaClient connect(ChoriaClientBuilder builder, Nats nats) {
    try {
      return builder.connect();
    } catch (BrokerConnectException e) {
      String fix = fix(e.reason(), nats);
      throw fix.isEmpty() ? e : new ConfigException(e.problem() + "; " + fix);
    }
  }

  private static String fix(BrokerConnectException.Reason reason, Nats nats) {
    return switch (reason) {
      case AUTHORIZATION -> login(nats);
      case UNTRUSTED_CERTIFICATE ->
          nats.tls().ca().isPresent()
              ? "set nats.tls.ca to the CA that signed the broker's certificate (now "
                  + nats.tls().ca().get()
                  + ")"
              : "set nats.tls.ca to the CA that signed the broker's certificate (now the JVM's"
                  + " trust store is used)";
      case WRONG_HOST ->
          "name each broker in nats.servers as its certificate does (a host name or IP address in"
              + " its subject alternative names)";
      case TLS_HANDSHAKE ->
          "check nats.tls.ca, and nats.tls.cert and nats.tls.key if the broker asks for a client"
              + " certificate";
      case TLS_REQUIRED -> "use tls:// in nats.servers or set nats.tls.ca";
      case UNREACHABLE -> "";
    };
  }

  private static String login(Nats nats) {
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
}
