package io.fleetwright.app.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.Test;

/** The CA queue's worker options: the task-queue rate only with {@code ca.rate_limit}. */
class ProvisioningWorkerTest {
  @Test
  void theCaQueueAsksForTheConfiguredRateAndForNoneWithoutALimit() {
    WorkerOptions limited = ProvisioningWorker.caWorkerOptions(32, 2.5);
    assertEquals(2.5, limited.getMaxTaskQueueActivitiesPerSecond());
    assertEquals(32, limited.getMaxConcurrentActivityExecutionSize());

    assertEquals(
        0.0, ProvisioningWorker.caWorkerOptions(32, 0).getMaxTaskQueueActivitiesPerSecond());
  }

  @Test
  void workflowCodeRunsOnPlatformThreadsWithABoundedCacheWhereVirtualThreadsAreUnsound() {
    var platform = ProvisioningWorker.factoryOptions(false).build();
    assertEquals(false, platform.isUsingVirtualWorkflowThreads());
    assertEquals(2048, platform.getWorkflowCacheSize());
    assertEquals(2560, platform.getMaxWorkflowThreadCount());
    var virtual = ProvisioningWorker.factoryOptions(true).build();
    assertEquals(true, virtual.isUsingVirtualWorkflowThreads());
    assertEquals(4096, virtual.getWorkflowCacheSize());
  }
}
