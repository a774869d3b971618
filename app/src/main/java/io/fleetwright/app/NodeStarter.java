package io.fleetwright.app;

import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's workflow when discovery sees it, or leaves the one already there alone, so the
 * three discovery sources never double-provision. A node whose last run was provisioned gets a new
 * run only when it is seen in provisioning mode again after the hold period; a FAILED or CANCELLED
 * node waits for an operator's {@code retry}.
 */
final class NodeStarter {
  /** What one sighting led to. */
  enum Outcome {
    STARTED,
    ALREADY_RUNNING,
    RECENTLY_SEEN,
    HELD_AFTER_SUCCESS,
    WAITING_FOR_OPERATOR,
    ERROR
  }

  private static final Logger LOG = LoggerFactory.getLogger(NodeStarter.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private final Function<String, ProvisionInput> inputs;
  private final BooleanSupplier fleetPaused;
  private final Duration dedupeWindow;
  private final Duration holdAfterSuccess;
  private final Clock clock;
  private final Map<String, Instant> recent = new ConcurrentHashMap<>();

  NodeStarter(
      WorkflowClient client,
      String taskQueue,
      Function<String, ProvisionInput> inputs,
      BooleanSupplier fleetPaused,
      Duration dedupeWindow,
      Duration holdAfterSuccess,
      Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.inputs = inputs;
    this.fleetPaused = fleetPaused;
    this.dedupeWindow = dedupeWindow;
    this.holdAfterSuccess = holdAfterSuccess;
    this.clock = clock;
  }

  Outcome seen(String identity, String source) {
    return seen(identity, source, clock.instant());
  }

  /**
   * A sighting of a node in provisioning mode at {@code sightedAt}. A sighting from before the hold
   * after the last successful run ended never starts another run, however late it is handled (a
   * queue of announcements under load, a slow second worker).
   */
  Outcome seen(String identity, String source, Instant sightedAt) {
    Instant now = clock.instant();
    Instant last = recent.get(identity);
    if (last != null && last.plus(dedupeWindow).isAfter(now)) {
      return Outcome.RECENTLY_SEEN;
    }
    recent.put(identity, now);
    if (recent.size() > 200_000) {
      recent.entrySet().removeIf(e -> e.getValue().plus(dedupeWindow).isBefore(now));
    }
    ProvisionInput input = inputs.apply(identity).withStartPaused(fleetPaused.getAsBoolean());
    try {
      return start(input, source, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    } catch (WorkflowExecutionAlreadyStarted closed) {
      return afterClosedRun(input, source, sightedAt.isBefore(now) ? sightedAt : now);
    } catch (RuntimeException e) {
      recent.remove(identity);
      LOG.warn(
          "could not start the workflow of {} (seen by {}): {}", identity, source, rootMessage(e));
      return Outcome.ERROR;
    }
  }

  private Outcome start(ProvisionInput input, String source, WorkflowIdReusePolicy reuse) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder(NodeWorkflowOptions.forNode(input, taskQueue))
            .setWorkflowIdReusePolicy(reuse)
            // The client is the worker's own: the server hands the first workflow task back in
            // the start reply (when it allows eager start), saving a poll round trip per node.
            .setDisableEagerExecution(false)
            .build();
    NodeProvisioningWorkflow workflow =
        client.newWorkflowStub(NodeProvisioningWorkflow.class, options);
    var execution = WorkflowClient.start(workflow::provision, input);
    LOG.debug("{} seen by {}: workflow run {}", input.identity(), source, execution.getRunId());
    return Outcome.STARTED;
  }

  private Outcome afterClosedRun(ProvisionInput input, String source, Instant sightedAt) {
    WorkflowStub last = client.newUntypedWorkflowStub(workflowId(input));
    WorkflowExecutionDescription description = last.describe();
    WorkflowExecutionStatus status = description.getWorkflowExecutionInfo().getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Outcome.ALREADY_RUNNING;
    }
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      LOG.debug(
          "{} is still in provisioning mode but its last run ended {}; waiting for an"
              + " operator: provisioner retry {}",
          input.identity(),
          status,
          input.identity());
      return Outcome.WAITING_FOR_OPERATOR;
    }
    var closed = description.getWorkflowExecutionInfo().getCloseTime();
    Instant closedAt = Instant.ofEpochSecond(closed.getSeconds(), closed.getNanos());
    if (closedAt.plus(holdAfterSuccess).isAfter(sightedAt)) {
      return Outcome.HELD_AFTER_SUCCESS;
    }
    LOG.info(
        "{} is back in provisioning mode (seen by {}) after its last run completed;"
            + " provisioning it again",
        input.identity(),
        source);
    return start(input, source, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
  }

  private static String workflowId(ProvisionInput input) {
    return io.fleetwright.api.WorkflowIds.node(input.identity());
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
  }
}
