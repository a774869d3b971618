package io.fleetwright.tools.demo;

import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.tools.ParallelCalls;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The demo's node runs as Temporal recorded them, never as the emulator saw them: the runs of this
 * demo's own workflow IDs (its fleet's identities are new in every demo, see {@link DemoCommand})
 * started since the demo began.
 */
final class DemoRuns {
  /** Temporal calls the demo makes at once when it describes or reads every run. */
  private static final int PARALLEL = 8;

  /**
   * One run of a node workflow; {@code state} is its {@code ProvisioningState} search attribute.
   */
  record Run(String workflowId, String runId, WorkflowExecutionStatus status, String state) {
    boolean open() {
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    }

    boolean provisioned() {
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
          && state.equals(ProvisioningState.PROVISIONED.name());
    }

    @Override
    public String toString() {
      return workflowId + " (" + (open() ? state : FleetOperator.statusName(status)) + ")";
    }
  }

  /** The latest run of each of the fleet's nodes that has one. */
  record Snapshot(Map<String, Run> latest, int total) {
    int provisioned() {
      return (int) latest.values().stream().filter(Run::provisioned).count();
    }

    List<Run> open() {
      return latest.values().stream().filter(Run::open).toList();
    }

    /** Open runs that are not waiting in DEFERRED: the worker still has work for them. */
    List<Run> underWay() {
      return open().stream()
          .filter(r -> !r.state().equals(ProvisioningState.DEFERRED.name()))
          .toList();
    }

    long deferred() {
      return open().stream()
          .filter(r -> r.state().equals(ProvisioningState.DEFERRED.name()))
          .count();
    }

    /** Runs that ended without provisioning or shutting down their node. */
    long failed() {
      return latest.values().stream()
          .filter(r -> !r.open() && !r.provisioned())
          .filter(r -> !r.state().equals(ProvisioningState.SHUT_DOWN.name()))
          .count();
    }

    /** Every node has a run and every run has ended. */
    boolean closed() {
      return latest.size() == total && open().isEmpty();
    }

    /** Every node has a run and none is under way: each has ended or waits in DEFERRED. */
    boolean atRest() {
      return latest.size() == total && underWay().isEmpty();
    }

    /** Counts by state for the progress bar; nodes without a run yet count as UNDISCOVERED. */
    Map<String, Long> byState() {
      Map<String, Long> counts = new TreeMap<>();
      latest.values().forEach(r -> counts.merge(r.state(), 1L, Long::sum));
      if (latest.size() < total) {
        counts.put("UNDISCOVERED", (long) (total - latest.size()));
      }
      return counts;
    }
  }

  private final WorkflowClient client;
  private final Set<String> workflowIds;
  private final Instant since;

  DemoRuns(WorkflowClient client, Set<String> workflowIds, Instant since) {
    this.client = client;
    this.workflowIds = Set.copyOf(workflowIds);
    this.since = since;
  }

  /** From visibility: one listing, cheap enough to poll; it may lag a moment behind. */
  Snapshot listed() {
    Map<String, Run> latest = new HashMap<>();
    Map<String, Instant> startedAt = new HashMap<>();
    for (WorkflowExecutionMetadata m : list()) {
      String id = m.getExecution().getWorkflowId();
      Instant started = m.getStartTime();
      if (!startedAt.containsKey(id) || started.isAfter(startedAt.get(id))) {
        startedAt.put(id, started);
        latest.put(id, run(m));
      }
    }
    return new Snapshot(latest, workflowIds.size());
  }

  /** From describing every node's workflow: what Temporal holds now, not what is indexed. */
  Snapshot described() throws InterruptedException {
    Map<String, Run> latest = new HashMap<>();
    for (Run run :
        parallel(
            workflowIds,
            id -> {
              try {
                return run(client.newUntypedWorkflowStub(id).describe());
              } catch (WorkflowNotFoundException e) {
                return null;
              }
            })) {
      if (run != null) {
        latest.put(run.workflowId(), run);
      }
    }
    return new Snapshot(latest, workflowIds.size());
  }

  /**
   * Counts {@code WORKFLOW_TASK_TIMED_OUT} events in the histories of every run of the fleet's
   * nodes, the latest ones in {@code last} and any earlier ones visibility lists.
   */
  long workflowTaskTimeouts(Snapshot last) throws InterruptedException {
    Map<String, Run> runs = new HashMap<>();
    list().forEach(m -> runs.put(m.getExecution().getRunId(), run(m)));
    last.latest().values().forEach(r -> runs.put(r.runId(), r));
    long total = 0;
    for (Long count :
        parallel(
            runs.values(),
            r -> {
              try (Stream<io.temporal.api.history.v1.HistoryEvent> events =
                  client.streamHistory(r.workflowId(), r.runId())) {
                return events
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
                    .count();
              }
            })) {
      total += count;
    }
    return total;
  }

  private List<WorkflowExecutionMetadata> list() {
    String query =
        "WorkflowType = '%s' AND StartTime >= '%s'"
            .formatted(
                FleetOperator.NODE_WORKFLOW_TYPE,
                DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS)));
    try (Stream<WorkflowExecutionMetadata> all = client.listExecutions(query)) {
      return all.filter(m -> workflowIds.contains(m.getExecution().getWorkflowId())).toList();
    }
  }

  private static Run run(WorkflowExecutionMetadata m) {
    String state = m.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE);
    return new Run(
        m.getExecution().getWorkflowId(),
        m.getExecution().getRunId(),
        m.getStatus(),
        state == null ? ProvisioningState.DISCOVERED.name() : state);
  }

  /** Applies {@code call} to every item, {@value #PARALLEL} at a time; null results are kept. */
  private static <T, R> List<R> parallel(Collection<T> items, Function<T, R> call)
      throws InterruptedException {
    return ParallelCalls.map(items, PARALLEL, call);
  }
}
