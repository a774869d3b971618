package io.fleetwright.app.worker;

import io.fleetwright.api.CaRoute;
import io.fleetwright.api.CollectiveActivities;
import io.fleetwright.api.CredentialActivities;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.NodeChangeActivities;
import io.fleetwright.api.NodeRpcActivities;
import io.fleetwright.api.NodeUpgradeActivities;
import io.fleetwright.api.PuppetActivities;
import io.fleetwright.workflows.ActivityTimeouts;
import io.fleetwright.workflows.FleetControlWorkflowImpl;
import io.fleetwright.workflows.NodeProvisioningWorkflowImpl;
import io.fleetwright.workflows.ProvisioningActivityOptions;
import io.fleetwright.workflows.SiteOrchestratorWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.time.Duration;

/**
 * The Temporal worker: the workflow types and every activity group on one task queue, and the
 * signing and helper activities also on the CA task queue ({@link CaRoute#taskQueueOf}).
 */
public final class ProvisioningWorker implements AutoCloseable {
  private final WorkerFactory factory;

  public ProvisioningWorker(
      WorkflowClient client,
      String taskQueue,
      WorkerInterceptor admission,
      int concurrency,
      Duration helperTimeout,
      Duration readStepsBudget,
      double caRateLimit,
      NodeRpcActivities rpc,
      NodeChangeActivities changes,
      NodeUpgradeActivities upgrades,
      CredentialActivities credentials,
      HelperActivities helper,
      PuppetActivities puppet,
      CollectiveActivities collective) {
    factory =
        WorkerFactory.newInstance(
            client,
            factoryOptions(JdkDefects.virtualThreadsSafe())
                .setWorkerInterceptors(admission)
                .build());
    Worker worker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                .setUsingVirtualThreads(JdkDefects.virtualThreadsSafe())
                // Class loading on a busy two-core machine can hold a first task past 1 s.
                .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(10).toMillis())
                .setMaxConcurrentActivityExecutionSize(concurrency)
                .setMaxConcurrentLocalActivityExecutionSize(concurrency)
                .setMaxConcurrentWorkflowTaskExecutionSize(workflowTaskSlots(concurrency))
                .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 16, 4))
                .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 16, 4))
                .build());
    ActivityTimeouts timeouts =
        ActivityTimeouts.DEFAULTS
            .withHelper(helperTimeout.plusSeconds(5))
            .withReadTotal(readStepsBudget);
    worker.registerWorkflowImplementationTypes(
        ProvisioningActivityOptions.forWorkflows(timeouts),
        NodeProvisioningWorkflowImpl.class,
        FleetControlWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(SiteOrchestratorWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        rpc, changes, upgrades, credentials, helper, puppet, collective);
    factory
        .newWorker(CaRoute.taskQueueOf(taskQueue), caWorkerOptions(concurrency, caRateLimit))
        .registerActivitiesImplementations(credentials, helper);
  }

  /** Workflow cache and threads when workflow code runs on platform threads. */
  static final int PLATFORM_WORKFLOW_CACHE = 2048;

  /**
   * Where the JDK's virtual threads are sound, workflow code runs on them, with a cache of 4,096
   * runs. Where they are not (see {@link JdkDefects}), on platform threads: a cached run holds its
   * thread while it waits, so the cache is smaller and the pool has room beyond it for the runs the
   * workflow task slots bring in at once.
   */
  static WorkerFactoryOptions.Builder factoryOptions(boolean virtualThreads) {
    WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder();
    if (virtualThreads) {
      return options.setUsingVirtualWorkflowThreads(true).setWorkflowCacheSize(4096);
    }
    return options
        .setUsingVirtualWorkflowThreads(false)
        .setWorkflowCacheSize(PLATFORM_WORKFLOW_CACHE)
        .setMaxWorkflowThreadCount(PLATFORM_WORKFLOW_CACHE + 512);
  }

  /**
   * The CA queue's worker. Every worker polls it, with the limit on or off, so that runs started
   * with the limit still finish after it is turned off. With {@code ca.rate_limit} each poll asks
   * the server for that many activities per second on the whole queue; the server keeps the rate of
   * the latest poll, and a poll without one removes it, so every worker must have the same one.
   * Without a limit nothing is routed there.
   */
  static WorkerOptions caWorkerOptions(int concurrency, double caRateLimit) {
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setUsingVirtualThreads(JdkDefects.virtualThreadsSafe())
            .setMaxConcurrentActivityExecutionSize(concurrency)
            .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling(1, 4, 1));
    if (caRateLimit > 0) {
      options.setMaxTaskQueueActivitiesPerSecond(caRateLimit);
    }
    return options.build();
  }

  /**
   * Workflow task slots: a node's first task holds its slot while it waits for local-activity slots
   * (the real limit, {@code workers}), so with as few task slots as local-activity slots a burst of
   * new nodes takes them all and the second task of nodes already under way waits past the sticky
   * queue's 5 s schedule-to-start timeout, then replays its whole history elsewhere. Slots are
   * cheap with virtual workflow threads.
   */
  static int workflowTaskSlots(int concurrency) {
    return Math.max(256, concurrency * 4);
  }

  public void start() {
    factory.start();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
