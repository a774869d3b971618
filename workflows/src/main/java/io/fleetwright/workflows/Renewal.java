package io.fleetwright.workflows;

import io.fleetwright.api.CollectiveActivities;
import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.Lineage;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.ProvisioningStep;
import io.fleetwright.api.RenewalPolicy;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Renewal before expiry ({@code renewal.before_expiry}): a provisioned node's run sleeps on a
 * durable timer until shortly before its credentials expire, puts the node back into provisioning
 * mode with {@code choria_provision#reprovision}, and continues as new with the next {@link
 * Lineage}, so the node keeps one chain of runs.
 */
final class Renewal {
  /**
   * Change ID of the renewal commands. Reached only with renewal on and credentials that expire, so
   * ordinary runs record no marker.
   */
  static final String CHANGE_ID = "renewal-before-expiry";

  private static final Logger log = Workflow.getLogger(Renewal.class);

  private final ProvisionInput input;
  private final Steps steps;
  private final NodeProgress progress;

  Renewal(ProvisionInput input, Steps steps, NodeProgress progress) {
    this.input = input;
    this.steps = steps;
    this.progress = progress;
  }

  /**
   * Returns {@code result} when renewal is off or there is nothing to renew; otherwise waits,
   * re-provisions the node and continues as new, and never returns.
   *
   * @param sent what was configured on the node, or {@code null} when nothing was
   */
  ProvisionResult after(ProvisionResult result, @Nullable ConfigureInput sent) {
    RenewalPolicy policy = input.renewal();
    if (policy == null || sent == null || result.state() != ProvisioningState.PROVISIONED) {
      return result;
    }
    Optional<Instant> expiry = CredentialExpiry.of(sent);
    if (expiry.isEmpty()) {
      log.info(
          "{}: no certificate or server JWT with an expiry, nothing to renew", input.identity());
      return result;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Instant renewAt = renewAt(expiry.get(), policy, Workflow.newRandom());
    if (!renewAt.isAfter(now)) {
      log.warn(
          "{}: credentials expire at {}, sooner than renewal.before_expiry {}; not renewing, or"
              + " every renewal would be followed by another at once. Issue longer-lived"
              + " credentials (ca.validity, server_jwt_validity) or shorten renewal.before_expiry",
          input.identity(),
          expiry.get(),
          policy.beforeExpiry());
      return result;
    }
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return result;
    }
    waitUntil(expiry.get(), renewAt, now);
    reprovision(policy);
    Lineage current =
        input.lineage() == null ? Lineage.first(Workflow.getInfo().getRunId()) : input.lineage();
    Lineage next =
        current.next(
            Workflow.getInfo().getRunId(), "renewal: credentials expire at " + expiry.get());
    log.info("{}: continuing as {}", input.identity(), next.describe());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().setMemo(Map.of(Lineage.MEMO, next)).build(),
        input.withLineage(next).withStartPaused(progress.paused()));
    throw new IllegalStateException("continue-as-new returned");
  }

  /** Expiry minus the margin, minus up to {@code jitter} of the margin more. */
  static Instant renewAt(Instant expiry, RenewalPolicy policy, Random random) {
    long margin = policy.beforeExpiry().toMillis();
    long jitter = (long) (margin * policy.jitter() * random.nextDouble());
    return expiry.minusMillis(margin + jitter);
  }

  private void waitUntil(Instant expiry, Instant renewAt, Instant now) {
    progress.credentialsExpireAt(expiry);
    Duration sleep = Duration.between(now, renewAt);
    TimerOptions timer =
        TimerOptions.newBuilder()
            .setSummary("renew at %s (expires %s)".formatted(renewAt, expiry))
            .build();
    steps.run(
        ProvisioningStep.RENEWAL_WAIT,
        renewAt,
        false,
        () -> {
          Workflow.newTimer(sleep, timer).get();
          return null;
        });
  }

  /** Puts the node back into provisioning mode and gives it time to restart into it. */
  private void reprovision(RenewalPolicy policy) {
    CollectiveActivities collective = Workflow.newActivityStub(CollectiveActivities.class);
    String message =
        steps.run(ProvisioningStep.REPROVISION, () -> collective.reprovision(input.identity()));
    progress.message(message);
    Workflow.newTimer(
            policy.returnWait(),
            TimerOptions.newBuilder()
                .setSummary(StepSummaries.reprovisionWait(policy.returnWait()))
                .build())
        .get();
  }
}
