package io.fleetwright.app.config;

import io.fleetwright.api.ApprovalPolicy;
import io.fleetwright.api.DeferPolicy;
import io.fleetwright.api.Features;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.protocol.NodeIdentity;

/** Builds a node workflow's input from the config; it carries no secret. */
public final class ProvisionInputs {
  private ProvisionInputs() {}

  /**
   * The input of a node's workflow; the checked identity crosses Temporal as its plain string.
   *
   * @param discoveredBy what found the node: {@code lifecycle}, {@code registration}, {@code
   *     broadcast} or {@code cli}
   */
  public static ProvisionInput of(
      ProvisionerConfig config, NodeIdentity identity, String discoveredBy) {
    ProvisionerConfig.Defer d = config.defer();
    ProvisionerConfig.Features f = config.features();
    return new ProvisionInput(
        identity.value(),
        config.site(),
        new Features(f.pki(), f.jwt(), f.ed25519()),
        new DeferPolicy(
            d.initialDelay(), d.maxDelay(), d.multiplier(), d.jitter(), d.maxAttempts()),
        false,
        discoveredBy,
        true,
        new ApprovalPolicy(
            config.approval().timeout(),
            config.approval().failOnTimeout()
                ? ApprovalPolicy.OnTimeout.FAIL
                : ApprovalPolicy.OnTimeout.DEFER));
  }
}
