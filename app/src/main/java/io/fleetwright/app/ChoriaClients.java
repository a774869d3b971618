package io.fleetwright.app;

import io.fleetwright.app.broker.BrokerAccess;
import io.fleetwright.app.broker.BrokerLogin;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.ChoriaClientBuilder;

/**
 * The provisioner's Choria clients, one per broker connection: the provisioning collective ({@code
 * nats:}) and the main collective ({@code main_collective:}). Options that every connection shares
 * (identity, caller ID) go in one place; the login and TLS come from {@link BrokerLogin}.
 */
public final class ChoriaClients {
  private ChoriaClients() {}

  /**
   * Connects to the provisioning collective with the {@code nats:} login and TLS.
   *
   * @throws ConfigException naming the setting to fix when the broker refuses us
   */
  public static ChoriaClient connectProvisioning(ProvisionerConfig config) {
    return BrokerLogin.connect(provisioning(config), config.nats());
  }

  /**
   * Connects to the main collective; see {@link #mainCollective}.
   *
   * @throws ConfigException naming the setting to fix when the broker refuses us
   */
  public static ChoriaClient connectMainCollective(ProvisionerConfig config) {
    return BrokerLogin.connect(mainCollective(config), BrokerAccess.mainCollective(config));
  }

  /** The client of the provisioning collective, where unprovisioned nodes answer. */
  public static ChoriaClientBuilder provisioning(ProvisionerConfig config) {
    return named(config, BrokerLogin.builder(config.nats()));
  }

  /**
   * The client of the main collective ({@code site_collective} on {@code main_collective.servers}),
   * where provisioned nodes and the puppet agent answer, with the {@code main_collective:} login
   * and TLS; what that section leaves out comes from {@code nats:} ({@link BrokerAccess}).
   */
  public static ChoriaClientBuilder mainCollective(ProvisionerConfig config) {
    return named(config, BrokerLogin.builder(BrokerAccess.mainCollective(config)))
        .collective(config.siteCollective());
  }

  private static ChoriaClientBuilder named(ProvisionerConfig config, ChoriaClientBuilder builder) {
    return builder.identity(config.identity()).callerId("choria=" + config.identity());
  }
}
