package io.fleetwright.api;

import java.time.Duration;
import java.util.Objects;

/**
 * When a provisioned node is provisioned again before its credentials expire ({@code renewal:} in
 * the config). Off unless set: a {@link ProvisionInput} without one ends at {@code PROVISIONED}.
 *
 * @param beforeExpiry how long before the certificate's {@code notAfter} or the server JWT's {@code
 *     exp} (the earlier one) the node is re-provisioned, e.g. 30 days
 * @param jitter up to this fraction of {@code beforeExpiry} is added on top, at random per node, so
 *     a fleet provisioned in one hour does not renew in one hour; 0 to 0.5
 * @param returnWait how long to give the node after {@code choria_provision#reprovision} to restart
 *     into provisioning mode before provisioning it again (the real agent restarts after 2 to 11 s;
 *     the first steps retry besides)
 */
public record RenewalPolicy(Duration beforeExpiry, double jitter, Duration returnWait) {
  /** Validates ranges. */
  public RenewalPolicy {
    Checks.positive(beforeExpiry, "renewal.beforeExpiry");
    Checks.positive(returnWait, "renewal.returnWait");
    if (!(jitter >= 0 && jitter <= 0.5)) {
      throw new IllegalArgumentException(
          "renewal.jitter must be 0 to 0.5, e.g. 0.1; got " + jitter);
    }
  }

  /** Returns a policy with 10% jitter and a 20 s return wait. */
  public static RenewalPolicy before(Duration beforeExpiry) {
    Objects.requireNonNull(beforeExpiry, "beforeExpiry");
    return new RenewalPolicy(beforeExpiry, 0.1, Duration.ofSeconds(20));
  }
}
