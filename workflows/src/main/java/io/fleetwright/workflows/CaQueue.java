package io.fleetwright.workflows;

import io.fleetwright.api.CaRoute;
import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.HelperActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import org.jspecify.annotations.Nullable;

/**
 * Sends the calls that reach a CA to the provisioner's rate-limited CA task queue when {@code
 * ca.rate_limit} is on ({@link CaRoute}): CSR signing, and the helper if it calls an external CA.
 * There they are regular activities, since a task queue's rate applies only to those, never to the
 * local activities they are otherwise. Their timeouts and retries are the per-type options the
 * worker registers; only the task queue is set here.
 */
final class CaQueue {
  /**
   * Change ID of the routing. Reached only by a run whose input carries a {@link CaRoute}, at its
   * first call to the CA, so runs without the limit record no marker. A run without the marker
   * signs and runs its helper as before.
   */
  static final String CA_RATE_LIMIT = "ca-rate-limit";

  private final @Nullable CaRoute route;
  private @Nullable Boolean routed;
  private @Nullable CredentialActivities credentials;
  private @Nullable HelperActivities helper;

  CaQueue(@Nullable CaRoute route) {
    this.route = route;
  }

  /** The credential stub that signs CSRs: on the CA queue when routed, else {@code fallback}. */
  CredentialActivities signer(CredentialActivities fallback) {
    if (route == null || !routed()) {
      return fallback;
    }
    if (credentials == null) {
      credentials = Workflow.newActivityStub(CredentialActivities.class, options(route));
    }
    return credentials;
  }

  /** The helper stub: on the CA queue when the helper is routed too, else {@code fallback}. */
  HelperActivities helper(HelperActivities fallback) {
    if (route == null || !route.helper() || !routed()) {
      return fallback;
    }
    if (helper == null) {
      helper = Workflow.newActivityStub(HelperActivities.class, options(route));
    }
    return helper;
  }

  private boolean routed() {
    if (routed == null) {
      routed = Workflow.getVersion(CA_RATE_LIMIT, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
    return routed;
  }

  private static ActivityOptions options(CaRoute route) {
    return ActivityOptions.newBuilder().setTaskQueue(route.taskQueue()).build();
  }
}
