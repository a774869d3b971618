package io.fleetwright.app.replay;

import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.operator.FleetOperator;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Node runs from Temporal visibility, and their histories. Reads only. */
final class NodeRuns {
  private final WorkflowClient client;

  NodeRuns(WorkflowClient client) {
    this.client = client;
  }

  /** One node run: its identity, workflow and run. */
  record NodeRun(String identity, String workflowId, String runId) {}

  /**
   * The latest run of each node, newest first.
   *
   * @param since only runs started this long ago or later
   * @param state only nodes in this state
   * @param limit at most this many nodes
   */
  List<NodeRun> recent(Optional<Duration> since, Optional<ProvisioningState> state, int limit) {
    String query = query(since.map(d -> Instant.now().minus(d)), state);
    Set<String> seen = new LinkedHashSet<>();
    List<NodeRun> runs = new ArrayList<>();
    try (Stream<WorkflowExecutionMetadata> all = client.listExecutions(query)) {
      var it = all.iterator();
      while (it.hasNext() && runs.size() < limit) {
        var execution = it.next().getExecution();
        if (seen.add(execution.getWorkflowId())) {
          runs.add(run(execution.getWorkflowId(), execution.getRunId()));
        }
      }
    }
    return runs;
  }

  static String query(Optional<Instant> since, Optional<ProvisioningState> state) {
    return FleetOperator.nodeQuery(state)
        + since
            .map(t -> " AND StartTime >= '" + t.truncatedTo(ChronoUnit.SECONDS) + "'")
            .orElse("");
  }

  /** The latest run of one node. */
  NodeRun latest(String id) {
    String workflowId = id.startsWith(WorkflowIds.NODE_PREFIX) ? id : WorkflowIds.node(id);
    String runId = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    return run(workflowId, runId);
  }

  History history(NodeRun run) {
    return client.fetchHistory(run.workflowId(), run.runId()).getHistory();
  }

  private static NodeRun run(String workflowId, String runId) {
    return new NodeRun(WorkflowIds.identityOf(workflowId).orElse(workflowId), workflowId, runId);
  }
}
