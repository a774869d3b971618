package io.fleetwright.tools.bench;

import io.fleetwright.api.WorkflowIds;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.tools.ParallelCalls;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server recorded for a fleet's node workflows, read back after the run, outside the
 * clock: the mean event count of each node's latest run (every event is a row the server writes)
 * and the workflow tasks that timed out in them.
 */
final class HistoryEvents {
  private static final int PARALLEL = 16;

  private HistoryEvents() {}

  /** Events and workflow-task timeouts of one node's latest run. */
  record Counts(long events, long taskTimeouts) {
    static Counts of(List<HistoryEvent> history) {
      long timeouts =
          history.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
              .count();
      return new Counts(history.size(), timeouts);
    }
  }

  /**
   * Reads the latest run of every node of {@code fleet} and returns {@code events_per_node}, {@code
   * workflow_task_timeouts} and {@code histories_read}; on a failure, {@code events_per_node} says
   * why instead.
   */
  static Map<String, Object> of(String temporalTarget, Fleet fleet) {
    Map<String, Object> figures = new LinkedHashMap<>();
    List<FleetNode> nodes = fleet.nodes();
    if (nodes.isEmpty()) {
      figures.put("events_per_node", "unavailable: no nodes");
      return figures;
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      List<Counts> counts = read(client, nodes);
      figures.putAll(summary(counts));
    } catch (RuntimeException e) {
      figures.put(
          "events_per_node",
          "unavailable: reading node histories from " + temporalTarget + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      figures.put("events_per_node", "unavailable: interrupted");
    } finally {
      stubs.shutdownNow();
    }
    return figures;
  }

  /** The figures of {@link #of} from the per-node counts. */
  static Map<String, Object> summary(List<Counts> counts) {
    Map<String, Object> figures = new LinkedHashMap<>();
    long events = counts.stream().mapToLong(Counts::events).sum();
    figures.put(
        "events_per_node",
        counts.isEmpty() ? 0 : Math.round(events * 100.0 / counts.size()) / 100.0);
    figures.put("workflow_task_timeouts", counts.stream().mapToLong(Counts::taskTimeouts).sum());
    figures.put("histories_read", counts.size());
    return figures;
  }

  private static List<Counts> read(WorkflowClient client, List<FleetNode> nodes)
      throws InterruptedException {
    return ParallelCalls.map(
        nodes,
        PARALLEL,
        node ->
            Counts.of(
                client
                    .fetchHistory(WorkflowIds.node(node.identity()))
                    .getHistory()
                    .getEventsList()));
  }
}
