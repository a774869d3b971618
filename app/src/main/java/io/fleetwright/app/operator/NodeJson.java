package io.fleetwright.app.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.StepRecord;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --json} output of {@code status} and {@code nodes}: one JSON object each, with the
 * snake_case field names README.md lists; times are ISO-8601 UTC, absent values are null.
 */
final class NodeJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeJson() {}

  static ObjectNode status(NodeStatus s, Optional<String> foundBy, StatusReading reading) {
    ObjectNode node = JSON.createObjectNode();
    node.put("identity", s.identity());
    node.put("found_by", foundBy.orElse(null));
    node.put("state", s.state().name());
    node.put("paused", s.paused());
    node.put("step", s.currentStep() == null ? null : s.currentStep().name());
    node.put("attempt", s.attempt());
    node.put("next_retry_at", text(s.nextRetryAt()));
    node.put("last_message", s.lastMessage());
    node.put("approval", s.approval() == null ? null : s.approval().describe());
    ArrayNode notes = node.putArray("notes");
    s.notes().forEach(notes::add);
    ArrayNode steps = node.putArray("steps");
    for (StepRecord step : s.steps()) {
      steps
          .addObject()
          .put("step", step.step().name())
          .put("outcome", step.outcome().name())
          .put("attempt", step.attempt())
          .put("duration_ms", step.duration().toMillis())
          .put("started_at", step.startedAt().toString());
    }
    node.put("live", reading.problem().isEmpty());
    node.put("problem", reading.problem().orElse(null));
    return node;
  }

  static ObjectNode nodes(List<WorkflowExecutionMetadata> nodes, Map<String, Long> counts) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("nodes");
    for (WorkflowExecutionMetadata m : nodes) {
      Long attempt = m.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_ATTEMPT);
      list.addObject()
          .put("identity", FleetOperator.identity(m.getExecution().getWorkflowId()))
          .put("state", m.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE))
          .put("attempt", attempt)
          .put("workflow_status", FleetOperator.statusName(m.getStatus()))
          .put("workflow_id", m.getExecution().getWorkflowId())
          .put("run_id", m.getExecution().getRunId())
          .put("started_at", m.getStartTime().toString());
    }
    ObjectNode byState = root.putObject("counts");
    counts.forEach(byState::put);
    return root;
  }

  private static @Nullable String text(java.time.@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
