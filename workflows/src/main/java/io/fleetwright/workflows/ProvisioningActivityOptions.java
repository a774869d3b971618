package io.fleetwright.workflows;

import io.fleetwright.api.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the per-activity-type options that the worker registers with the workflow types, so no
 * timeout or retry policy is hard-coded in workflow code. Register with {@code
 * worker.registerWorkflowImplementationTypes(ProvisioningActivityOptions.forWorkflows(timeouts),
 * NodeProvisioningWorkflowImpl.class, FleetControlWorkflowImpl.class)}.
 */
public final class ProvisioningActivityOptions {
  /** Longest single attempt of {@code AwaitVersion}; a longer {@code upgrades_timeout} retries. */
  static final Duration AWAIT_VERSION_ATTEMPT = Duration.ofHours(1);

  private ProvisioningActivityOptions() {}

  /** Returns options for both workflow types, with normal and local activity options. */
  public static WorkflowImplementationOptions forWorkflows(ActivityTimeouts timeouts) {
    return WorkflowImplementationOptions.newBuilder()
        .setActivityOptions(activityOptions(timeouts))
        .setLocalActivityOptions(localActivityOptions(timeouts))
        .build();
  }

  /** Returns activity type name to options for every activity type of the api. */
  public static Map<String, ActivityOptions> activityOptions(ActivityTimeouts timeouts) {
    Map<String, ActivityOptions> options = new LinkedHashMap<>();
    startToClose(timeouts)
        .forEach(
            (type, timeout) -> {
              ActivityOptions.Builder builder =
                  ActivityOptions.newBuilder()
                      .setStartToCloseTimeout(timeout)
                      .setRetryOptions(retry(timeouts, type))
                      .setSummary(StepSummaries.activity(type));
              if (ActivityTypes.NODE_RPC.contains(type)) {
                builder.setHeartbeatTimeout(min(timeouts.rpcHeartbeat(), timeout));
              }
              if (ActivityTypes.NODE_READS.contains(type)) {
                builder.setScheduleToCloseTimeout(timeouts.readTotal());
              }
              options.put(type, builder.build());
            });
    ActivityTypes.NODE_CHANGES.forEach(type -> options.put(type, nodeChange(timeouts, type)));
    options.put(ActivityTypes.REPROVISION, reprovision(timeouts));
    options.put(ActivityTypes.AWAIT_VERSION, awaitVersion(timeouts));
    return Map.copyOf(options);
  }

  /**
   * {@code choria_provision#reprovision} in the main collective: one RPC per attempt, retried until
   * the change window is over. A repeat is harmless: a node already in provisioning mode refuses
   * it, which the activity counts as done.
   */
  private static ActivityOptions reprovision(ActivityTimeouts timeouts) {
    return ActivityOptions.newBuilder()
        .setSummary(StepSummaries.activity(ActivityTypes.REPROVISION))
        .setStartToCloseTimeout(timeouts.provisionRpc())
        .setScheduleToCloseTimeout(timeouts.changeTotal())
        .setRetryOptions(untilDone(timeouts))
        .build();
  }

  /**
   * The wait for an upgraded node: it only reads, and stops at the deadline the workflow put in its
   * input ({@code upgrades_timeout}), so attempts are bounded by that, not by these timeouts.
   */
  private static ActivityOptions awaitVersion(ActivityTimeouts timeouts) {
    return ActivityOptions.newBuilder()
        .setSummary(StepSummaries.activity(ActivityTypes.AWAIT_VERSION))
        .setStartToCloseTimeout(AWAIT_VERSION_ATTEMPT)
        .setHeartbeatTimeout(timeouts.changeHeartbeat())
        .setRetryOptions(untilDone(timeouts))
        .build();
  }

  /**
   * A step that changes a node: its attempts heartbeat while they wait and are fenced by the
   * heartbeat timeout (docs/exactly-once.md), and they are not counted but bounded in time, since
   * each one asks the node before it repeats anything.
   */
  private static ActivityOptions nodeChange(ActivityTimeouts timeouts, String type) {
    return ActivityOptions.newBuilder()
        .setSummary(StepSummaries.activity(type))
        .setStartToCloseTimeout(timeouts.changeAttempt())
        .setScheduleToCloseTimeout(timeouts.changeTotal())
        .setHeartbeatTimeout(timeouts.changeHeartbeat())
        .setRetryOptions(untilDone(timeouts))
        .build();
  }

  /**
   * Returns activity type name to local activity options for the credential, RPC and helper types.
   */
  public static Map<String, LocalActivityOptions> localActivityOptions(ActivityTimeouts timeouts) {
    Map<String, LocalActivityOptions> options = new LinkedHashMap<>();
    startToClose(timeouts)
        .forEach(
            (type, timeout) -> {
              LocalActivityOptions.Builder builder =
                  LocalActivityOptions.newBuilder()
                      .setStartToCloseTimeout(timeout)
                      .setRetryOptions(retry(timeouts, type))
                      .setSummary(StepSummaries.activity(type));
              if (ActivityTypes.NODE_READS.contains(type)) {
                // Every back-off is slept in the worker, never as a workflow timer, so the
                // budget adds no command to history (the workflow task is heartbeated meanwhile).
                builder
                    .setScheduleToCloseTimeout(timeouts.readTotal())
                    .setLocalRetryThreshold(timeouts.readTotal());
              }
              options.put(type, builder.build());
            });
    return Map.copyOf(options);
  }

  /** Each provisioning activity type's start-to-close timeout: RPCs, the helper, credentials. */
  private static Map<String, Duration> startToClose(ActivityTimeouts timeouts) {
    Map<String, Duration> timeout = new LinkedHashMap<>();
    ActivityTypes.NODE_RPC.forEach(type -> timeout.put(type, rpcTimeout(timeouts, type)));
    timeout.put(ActivityTypes.RUN_HELPER, timeouts.helper());
    ActivityTypes.CREDENTIALS.forEach(type -> timeout.put(type, timeouts.credential()));
    return timeout;
  }

  /**
   * A read of the node is retried without a count until {@code readTotal} is spent; every other
   * type gets its number of tries.
   */
  private static RetryOptions retry(ActivityTimeouts timeouts, String type) {
    if (ActivityTypes.NODE_READS.contains(type)) {
      return untilDone(timeouts);
    }
    return RetryOptions.newBuilder()
        .setInitialInterval(timeouts.retryInitialInterval())
        .setMaximumInterval(timeouts.retryMaxInterval())
        .setBackoffCoefficient(2.0)
        .setMaximumAttempts(timeouts.attemptsOf(type))
        .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
        .build();
  }

  private static Duration rpcTimeout(ActivityTimeouts timeouts, String type) {
    return switch (type) {
      case ActivityTypes.FETCH_INVENTORY -> timeouts.inventoryRpc();
      case ActivityTypes.FETCH_INVENTORY_AND_CHECKED_CSR ->
          timeouts.inventoryRpc().plus(timeouts.provisionRpc());
      default -> timeouts.provisionRpc();
    };
  }

  /** Retries without a count, backing off as the Go provisioner does; bounded by the caller. */
  private static RetryOptions untilDone(ActivityTimeouts timeouts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(timeouts.retryInitialInterval())
        .setMaximumInterval(timeouts.retryMaxInterval())
        .setBackoffCoefficient(2.0)
        .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
        .build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
