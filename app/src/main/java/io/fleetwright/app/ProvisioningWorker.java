package io.fleetwright.app;

import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.NodeRpcActivities;
import io.fleetwright.api.PuppetActivities;
import io.fleetwright.workflows.ActivityTimeouts;
import io.fleetwright.workflows.FleetControlWorkflowImpl;
import io.fleetwright.workflows.NodeProvisioningWorkflowImpl;
import io.fleetwright.workflows.ProvisioningActivityOptions;
import io.fleetwright.workflows.SiteOrchestratorWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.time.Duration;

/** The Temporal worker: both workflow types and the three activity groups on one task queue. */
final class ProvisioningWorker implements AutoCloseable {
  private final WorkerFactory factory;

  ProvisioningWorker(
      WorkflowClient client,
      String taskQueue,
      int concurrency,
      Duration helperTimeout,
      NodeRpcActivities rpc,
      CredentialActivities credentials,
      HelperActivities helper,
      PuppetActivities puppet) {
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setUsingVirtualWorkflowThreads(true)
                .setWorkflowCacheSize(4096)
                .build());
    Worker worker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                .setUsingVirtualThreads(true)
                // Class loading on a busy two-core machine can hold a first task past 1 s.
                .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(10).toMillis())
                .setMaxConcurrentActivityExecutionSize(concurrency)
                .setMaxConcurrentLocalActivityExecutionSize(concurrency)
                .setMaxConcurrentWorkflowTaskExecutionSize(Math.max(50, concurrency))
                .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 16, 4))
                .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 16, 4))
                .build());
    ActivityTimeouts defaults = ActivityTimeouts.DEFAULTS;
    ActivityTimeouts timeouts =
        new ActivityTimeouts(
            defaults.provisionRpc(),
            defaults.inventoryRpc(),
            defaults.rpcHeartbeat(),
            helperTimeout.plusSeconds(5),
            defaults.credential(),
            defaults.retryInitialInterval(),
            defaults.retryMaxInterval(),
            defaults.maxAttempts());
    worker.registerWorkflowImplementationTypes(
        ProvisioningActivityOptions.forWorkflows(timeouts),
        NodeProvisioningWorkflowImpl.class,
        FleetControlWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(SiteOrchestratorWorkflowImpl.class);
    worker.registerActivitiesImplementations(rpc, credentials, helper, puppet);
  }

  void start() {
    factory.start();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
