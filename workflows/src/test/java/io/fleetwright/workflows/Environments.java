package io.fleetwright.workflows;

import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.SearchAttributeKeys;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/** The test Temporal environment the workflow tests share: options as the worker registers them. */
final class Environments {
  private Environments() {}

  static TestWorkflowExtension extension() {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(
                ProvisioningActivityOptions.forWorkflows(ActivityTimeouts.DEFAULTS),
                NodeProvisioningWorkflowImpl.class,
                FleetControlWorkflowImpl.class)
            .setWorkerOptions(workerOptions())
            .setDoNotStart(true);
    SearchAttributeKeys.indexedValueTypes().forEach(builder::registerSearchAttribute);
    return builder.build();
  }

  /**
   * Worker options for tests: the first workflow task of a JVM loads many classes, which on a busy
   * two-core machine can pass the default one-second deadlock detection.
   */
  static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(10).toMillis())
        .build();
  }

  /** Starts a node workflow as discovery does and returns its typed stub. */
  static NodeProvisioningWorkflow start(
      WorkflowClient client, Worker worker, ProvisionInput input) {
    NodeProvisioningWorkflow stub =
        client.newWorkflowStub(
            NodeProvisioningWorkflow.class,
            NodeWorkflowOptions.forNode(input, worker.getTaskQueue()));
    WorkflowClient.start(stub::provision, input);
    return stub;
  }

  static <T> T attribute(NodeProvisioningWorkflow stub, SearchAttributeKey<T> key) {
    return WorkflowStub.fromTyped(stub).describe().getTypedSearchAttributes().get(key);
  }

  /** Returns the workflow's current details, as the Web UI reads them. */
  static String currentDetails(NodeProvisioningWorkflow stub) {
    return WorkflowStub.fromTyped(stub)
        .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class)
        .getCurrentDetails();
  }

  static int eventCount(WorkflowClient client, NodeProvisioningWorkflow stub) {
    String id = WorkflowStub.fromTyped(stub).getExecution().getWorkflowId();
    return client.fetchHistory(id).getEvents().size();
  }
}
