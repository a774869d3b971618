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
    for (String type : ActivityTypes.NODE_RPC) {
      Duration timeout = rpcTimeout(timeouts, type);
      options.put(
          type,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(timeout)
              .setHeartbeatTimeout(min(timeouts.rpcHeartbeat(), timeout))
              .setRetryOptions(retry(timeouts, type))
              .build());
    }
    options.put(
        ActivityTypes.RUN_HELPER,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(timeouts.helper())
            .setRetryOptions(retry(timeouts, ActivityTypes.RUN_HELPER))
            .build());
    for (String type : ActivityTypes.CREDENTIALS) {
      options.put(
          type,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(timeouts.credential())
              .setRetryOptions(retry(timeouts, type))
              .build());
    }
    return Map.copyOf(options);
  }

  /**
   * Returns activity type name to local activity options for the credential, RPC and helper types.
   */
  public static Map<String, LocalActivityOptions> localActivityOptions(ActivityTimeouts timeouts) {
    Map<String, LocalActivityOptions> options = new LinkedHashMap<>();
    for (String type : ActivityTypes.NODE_RPC) {
      Duration timeout = rpcTimeout(timeouts, type);
      options.put(
          type,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(timeout)
              .setRetryOptions(retry(timeouts, type))
              .build());
    }
    options.put(
        ActivityTypes.RUN_HELPER,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(timeouts.helper())
            .setRetryOptions(retry(timeouts, ActivityTypes.RUN_HELPER))
            .build());
    for (String type : ActivityTypes.CREDENTIALS) {
      options.put(
          type,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(timeouts.credential())
              .setRetryOptions(retry(timeouts, type))
              .build());
    }
    return Map.copyOf(options);
  }

  private static RetryOptions retry(ActivityTimeouts timeouts, String type) {
    return RetryOptions.newBuilder()
        .setInitialInterval(timeouts.retryInitialInterval())
        .setMaximumInterval(timeouts.retryMaxInterval())
        .setBackoffCoefficient(2.0)
        .setMaximumAttempts(timeouts.attemptsOf(type))
        .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
        .build();
  }

  private static Duration rpcTimeout(ActivityTimeouts timeouts, String type) {
    return type.equals(ActivityTypes.FETCH_INVENTORY)
        ? timeouts.inventoryRpc()
        : timeouts.provisionRpc();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
