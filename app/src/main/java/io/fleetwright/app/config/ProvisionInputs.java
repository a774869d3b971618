package io.fleetwright.app.config;

import io.fleetwright.api.ApprovalPolicy;
import io.fleetwright.api.CaRoute;
import io.fleetwright.api.DeferPolicy;
import io.fleetwright.api.Features;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.RenewalPolicy;
import io.fleetwright.api.UpgradePolicy;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.protocol.NodeIdentity;
import org.jspecify.annotations.Nullable;

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
            new Features(f.pki(), f.jwt(), f.ed25519(), upgrades(f.upgrades())),
            new DeferPolicy(
                d.initialDelay(), d.maxDelay(), d.multiplier(), d.jitter(), d.maxAttempts()),
            false,
            discoveredBy,
            true)
        .withRenewal(renewal(config.renewal()))
        .withApproval(
            new ApprovalPolicy(
                config.approval().timeout(),
                config.approval().failOnTimeout()
                    ? ApprovalPolicy.OnTimeout.FAIL
                    : ApprovalPolicy.OnTimeout.DEFER))
        .withCaRoute(caRoute(config));
  }

  /** The CA task queue route, or {@code null} when {@code ca.rate_limit} is off. */
  static @Nullable CaRoute caRoute(ProvisionerConfig config) {
    ProvisionerConfig.CaLimit limit = config.caLimit();
    return limit.on()
        ? new CaRoute(CaRoute.taskQueueOf(config.temporal().taskQueue()), limit.helper())
        : null;
  }

  /** The workflow's renewal policy, or {@code null} when {@code renewal.before_expiry} is off. */
  static @Nullable RenewalPolicy renewal(ProvisionerConfig.Renewal renewal) {
    return renewal.on()
        ? new RenewalPolicy(renewal.beforeExpiry(), renewal.jitter(), renewal.returnWait())
        : null;
  }

  private static UpgradePolicy upgrades(ProvisionerConfig.Upgrades u) {
    return u.enabled()
        ? new UpgradePolicy(true, u.repository(), u.optional(), u.timeout())
        : UpgradePolicy.OFF;
  }
}
