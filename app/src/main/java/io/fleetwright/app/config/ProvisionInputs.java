package io.fleetwright.app.config;

import io.fleetwright.api.DeferPolicy;
import io.fleetwright.api.Features;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.app.ProvisionerConfig;

/** Builds a node workflow's input from the config; it carries no secret. */
public final class ProvisionInputs {
  private ProvisionInputs() {}

  public static ProvisionInput of(ProvisionerConfig config, String identity, String discoveredBy) {
    ProvisionerConfig.Defer d = config.defer();
    ProvisionerConfig.Features f = config.features();
    return new ProvisionInput(
        identity,
        config.site(),
        new Features(f.pki(), f.jwt(), f.ed25519()),
        new DeferPolicy(
            d.initialDelay(), d.maxDelay(), d.multiplier(), d.jitter(), d.maxAttempts()),
        false,
        discoveredBy,
        true);
  }
}
