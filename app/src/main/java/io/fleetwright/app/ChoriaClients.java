package io.fleetwright.app;

import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.ChoriaClientBuilder;
import java.util.List;

/**
 * The provisioner's Choria clients, one per broker connection: the provisioning collective ({@code
 * nats:}) and the main collective ({@code main_collective:}). Options that every connection shares
 * (identity, caller ID, and credentials when the config grows them) go in {@link #on}.
 */
public final class ChoriaClients {
  private ChoriaClients() {}

  /** The client of the provisioning collective, where unprovisioned nodes answer. */
  public static ChoriaClientBuilder provisioning(ProvisionerConfig config) {
    return on(config, config.nats().servers());
  }

  /**
   * The client of the main collective ({@code site_collective} on {@code main_collective.servers}),
   * where provisioned nodes and the puppet agent answer.
   */
  public static ChoriaClientBuilder mainCollective(ProvisionerConfig config) {
    return on(config, config.mainCollective().servers()).collective(config.siteCollective());
  }

  private static ChoriaClientBuilder on(ProvisionerConfig config, List<String> servers) {
    return ChoriaClient.builder()
        .natsUrl(String.join(",", servers))
        .identity(config.identity())
        .callerId("choria=" + config.identity());
  }
}
