package io.fleetwright.tools.bench;

import io.fleetwright.api.ProvisioningState;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.app.operator.ThrottledCalls;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Optional;

/**
 * Node runs as Temporal recorded them: how many completed PROVISIONED since a baseline taken before
 * a fleet starts. A bench counts our nodes done with this, never with what the emulator saw: a node
 * restarts before its run's last workflow task completes, and that task can still time out.
 */
final class RecordedRuns implements AutoCloseable {
  /** The visibility query for node runs that completed PROVISIONED. */
  static final String PROVISIONED =
      FleetOperator.nodeQuery(Optional.of(ProvisioningState.PROVISIONED))
          + " AND ExecutionStatus='Completed'";

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final long baseline;

  private RecordedRuns(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.baseline = count();
  }

  /** Connects to {@code temporalTarget} and takes the baseline: the runs recorded so far. */
  static RecordedRuns since(String temporalTarget) {
    return new RecordedRuns(
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build()),
        "default");
  }

  /** Runs that completed PROVISIONED since the baseline. */
  int provisioned() {
    return (int) (count() - baseline);
  }

  private long count() {
    // A real temporal-server refuses visibility calls for a moment after it starts
    // (RESOURCE_EXHAUSTED: namespace rate limit exceeded), which once ended a whole bench.
    return ThrottledCalls.call(
            "counting node runs completed PROVISIONED",
            () ->
                stubs
                    .blockingStub()
                    .countWorkflowExecutions(
                        CountWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(namespace)
                            .setQuery(PROVISIONED)
                            .build()))
        .getCount();
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
