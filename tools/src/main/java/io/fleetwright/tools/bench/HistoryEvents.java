package io.fleetwright.tools.bench;

import io.fleetwright.api.WorkflowIds;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;

/**
 * History events per node: the mean event count of the latest run of a sample of a fleet's node
 * workflows, read back from the server after the run. Every event is a row the server writes.
 */
final class HistoryEvents {
  static final int SAMPLE = 20;

  private HistoryEvents() {}

  /**
   * Returns the mean over up to {@link #SAMPLE} nodes spread over the fleet, or a sentence saying
   * why it could not be read.
   */
  static Object perNode(String temporalTarget, Fleet fleet) {
    List<FleetNode> nodes = fleet.nodes();
    if (nodes.isEmpty()) {
      return "unavailable: no nodes";
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      int n = Math.min(SAMPLE, nodes.size());
      long events = 0;
      for (int i = 0; i < n; i++) {
        String id = WorkflowIds.node(nodes.get(i * nodes.size() / n).identity());
        events += client.fetchHistory(id).getHistory().getEventsCount();
      }
      return events / (double) n;
    } catch (RuntimeException e) {
      return "unavailable: reading node histories from " + temporalTarget + " failed: " + e;
    } finally {
      stubs.shutdownNow();
    }
  }
}
