package io.fleetwright.app;

import io.fleetwright.activities.ActivityMetrics;
import io.fleetwright.activities.CollectiveActivitiesImpl;
import io.fleetwright.activities.CredentialActivitiesImpl;
import io.fleetwright.activities.HelperActivitiesImpl;
import io.fleetwright.activities.NodeChangeActivitiesImpl;
import io.fleetwright.activities.NodeRpcActivitiesImpl;
import io.fleetwright.activities.NodeUpgradeActivitiesImpl;
import io.fleetwright.activities.PuppetActivitiesImpl;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.helpers.HelperRunner;
import io.fleetwright.protocol.ChoriaClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's activity implementations, built from the config and the provisioner's clients. */
record Activities(
    NodeRpcActivitiesImpl nodeRpc,
    NodeChangeActivitiesImpl nodeChange,
    NodeUpgradeActivitiesImpl nodeUpgrade,
    CredentialActivitiesImpl credentials,
    HelperActivitiesImpl helper,
    PuppetActivitiesImpl puppet,
    CollectiveActivitiesImpl collective) {
  // The sealer warning was always the provisioner's; it keeps that logger name.
  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  /**
   * @param choria the client of the provisioning collective, where unprovisioned nodes answer
   * @param site the client of the site's main collective, where the puppet agent and provisioned
   *     nodes answer
   */
  static Activities create(
      ProvisionerConfig config,
      ChoriaClient choria,
      ChoriaClient site,
      HelperRunner helper,
      MeterRegistry registry) {
    SecretSealer sealer = sealer(config);
    ActivityMetrics metrics = new ActivityMetrics(registry, config.site());
    return new Activities(
        new NodeRpcActivitiesImpl(
            (identity, agent, action, data, timeout) ->
                choria.call(identity, agent, action, data, timeout).reply(),
            config.token().value(),
            sealer,
            metrics,
            config.certDenyList()),
        new NodeChangeActivitiesImpl(
            (identity, agent, action, data, timeout, validUntil) ->
                choria.call(identity, agent, action, data, timeout, validUntil).reply(),
            config.token().value(),
            metrics),
        new NodeUpgradeActivitiesImpl(
            (identity, agent, action, data, timeout, validUntil) ->
                choria.call(identity, agent, action, data, timeout, validUntil).reply(),
            config.token().value(),
            metrics),
        new CredentialActivitiesImpl(
            config.certDenyList(),
            config.jwtVerifyCert(),
            Credentials.ca(config),
            Credentials.serverJwtSigner(config),
            sealer,
            Clock.systemUTC()),
        new HelperActivitiesImpl(helper, sealer, metrics),
        new PuppetActivitiesImpl(
            (identity, agent, action, data, timeout) ->
                site.call(identity, agent, action, data, timeout).reply(),
            Duration.ofSeconds(20),
            64),
        new CollectiveActivitiesImpl(
            (identity, agent, action, data, timeout, validUntil) ->
                site.call(identity, agent, action, data, timeout, validUntil).reply(),
            config.token().value(),
            metrics));
  }

  private static SecretSealer sealer(ProvisionerConfig config) {
    String key = System.getenv("FLEETWRIGHT_SEAL_SECRET");
    if (key != null && !key.isBlank()) {
      return SecretSealer.derivedFrom(key);
    }
    if (config.token().isSet()) {
      return SecretSealer.derivedFrom(config.token().value());
    }
    LOG.warn(
        "no token and no FLEETWRIGHT_SEAL_SECRET: secrets in workflow history are sealed with"
            + " a key only this process knows; other workers and restarts cannot open them");
    return SecretSealer.random();
  }
}
