package io.fleetwright.app.operator;

import io.fleetwright.api.Lineage;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.config.Durations;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A node's chain of runs (renewal, reprovision) and the nodes whose credentials expire soon. */
final class NodeLineage {
  private NodeLineage() {}

  /**
   * The lineage of a node's latest run: from its status (running runs answer the query), else from
   * the run's memo, else a first run.
   */
  static Lineage of(FleetOperator operator, String id, NodeStatus status) {
    if (status.lineage() != null) {
      return status.lineage();
    }
    return memo(operator, id).orElseGet(() -> Lineage.first(""));
  }

  /** The lineage a run was started with, from its memo. */
  static Optional<Lineage> memo(FleetOperator operator, String id) {
    try {
      return Optional.ofNullable(
          operator
              .client()
              .newUntypedWorkflowStub(FleetOperator.workflowId(id))
              .describe()
              .getMemo(Lineage.MEMO, Lineage.class, Lineage.class));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Visibility query of running node workflows whose credentials expire before {@code until}. */
  static String expiringQuery(Instant until) {
    return "WorkflowType='%s' AND ExecutionStatus='Running' AND %s < '%s'"
        .formatted(
            FleetOperator.NODE_WORKFLOW_TYPE,
            SearchAttributeKeys.CREDENTIALS_EXPIRE_AT.getName(),
            DateTimeFormatter.ISO_INSTANT.format(until));
  }

  /** Prints the nodes whose credentials expire within {@code within}, soonest first. */
  static int printExpiring(FleetOperator operator, PrintWriter out, String within, int limit) {
    Duration window = Durations.parse("--expiring", within);
    Instant now = Instant.now();
    List<WorkflowExecutionMetadata> nodes;
    try (Stream<WorkflowExecutionMetadata> all =
        operator.client().listExecutions(expiringQuery(now.plus(window)))) {
      nodes = all.sorted(Comparator.comparing(NodeLineage::expiry)).limit(limit).toList();
    }
    for (WorkflowExecutionMetadata m : nodes) {
      OffsetDateTime expiry = expiry(m);
      out.printf(
          "%-40s %-14s expires %s (in %s)%n",
          FleetOperator.identity(m.getExecution().getWorkflowId()),
          m.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE),
          expiry.withOffsetSameInstant(ZoneOffset.UTC),
          Durations.format(Duration.between(now, expiry.toInstant()).withNanos(0)));
    }
    out.printf("expiring within %s: %d%n", within, nodes.size());
    return 0;
  }

  private static OffsetDateTime expiry(WorkflowExecutionMetadata m) {
    OffsetDateTime at = m.getTypedSearchAttributes().get(SearchAttributeKeys.CREDENTIALS_EXPIRE_AT);
    return at == null ? OffsetDateTime.MAX : at;
  }
}
