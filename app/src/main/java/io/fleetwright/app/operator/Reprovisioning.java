package io.fleetwright.app.operator;

import io.fleetwright.api.CollectiveActivities;
import io.fleetwright.api.Lineage;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts provisioned nodes back into provisioning mode ({@code choria_provision#reprovision} in their
 * main collective) and provisions each again in a new run linked to its previous one, batch by
 * batch: a batch's runs end before the next batch starts.
 */
final class Reprovisioning {
  private static final WorkflowExecutionStatus RUNNING =
      WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

  private final WorkflowClient client;
  private final String taskQueue;
  private final CollectiveActivities collective;
  private final Function<String, ProvisionInput> inputs;
  private final PrintWriter out;
  private final String by;
  private final Duration poll;
  private final Duration batchTimeout;

  /**
   * @param inputs a node's workflow input from the config
   * @param by who asked, for the link between runs: {@code reprovision by <by>}
   */
  Reprovisioning(
      WorkflowClient client,
      String taskQueue,
      CollectiveActivities collective,
      Function<String, ProvisionInput> inputs,
      PrintWriter out,
      String by,
      Duration poll,
      Duration batchTimeout) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.collective = collective;
    this.inputs = inputs;
    this.out = out;
    this.by = by;
    this.poll = poll;
    this.batchTimeout = batchTimeout;
  }

  /** A node whose new run was started, and the lineage it was started with. */
  record Started(String identity, Lineage lineage) {}

  /** Runs every batch; returns how many nodes did not end provisioned again. */
  int run(List<List<String>> batches) throws InterruptedException {
    int failed = 0;
    for (int b = 0; b < batches.size(); b++) {
      out.printf("batch %d of %d: %d nodes%n", b + 1, batches.size(), batches.get(b).size());
      out.flush();
      List<Started> started = new ArrayList<>();
      for (String identity : batches.get(b)) {
        start(identity).ifPresent(started::add);
      }
      failed += batches.get(b).size() - started.size();
      failed += awaitEnds(started);
    }
    return failed;
  }

  /** Reprovisions one node and starts its next run; empty (with a line saying why) if not. */
  Optional<Started> start(String identity) throws InterruptedException {
    WorkflowStub previous = client.newUntypedWorkflowStub(WorkflowIds.node(identity));
    Optional<WorkflowExecutionDescription> last = describe(previous);
    if (last.isPresent() && last.get().getStatus() == RUNNING && !stopRenewalWait(last.get())) {
      return Optional.empty();
    }
    try {
      String message = collective.reprovision(identity);
      out.printf("%s: %s%n", identity, message);
    } catch (ApplicationFailure refused) {
      out.printf("%s: not reprovisioned: %s%n", identity, refused.getOriginalMessage());
      return Optional.empty();
    }
    Lineage lineage = next(last);
    ProvisionInput input = inputs.apply(identity).withLineage(lineage);
    WorkflowOptions options =
        WorkflowOptions.newBuilder(NodeWorkflowOptions.forNode(input, taskQueue))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setMemo(Map.of(Lineage.MEMO, lineage))
            .build();
    NodeProvisioningWorkflow workflow =
        client.newWorkflowStub(NodeProvisioningWorkflow.class, options);
    WorkflowClient.start(workflow::provision, input);
    out.flush();
    return Optional.of(new Started(identity, lineage));
  }

  private Lineage next(Optional<WorkflowExecutionDescription> last) {
    String reason = "reprovision by " + by;
    if (last.isEmpty()) {
      return new Lineage(2, "", "", reason);
    }
    String runId = last.get().getExecution().getRunId();
    Lineage before = last.get().getMemo(Lineage.MEMO, Lineage.class, Lineage.class);
    return (before == null ? Lineage.first(runId) : before).next(runId, reason);
  }

  /**
   * A run waiting to renew is cancelled first (it only sleeps); a run under way is left alone.
   * Returns whether the node may be reprovisioned now.
   */
  private boolean stopRenewalWait(WorkflowExecutionDescription running)
      throws InterruptedException {
    String identity = WorkflowIds.identityOf(running.getExecution().getWorkflowId()).orElse("?");
    String state = running.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE);
    if (!ProvisioningState.RENEWAL_WAIT.name().equals(state)) {
      out.printf(
          "%s: not reprovisioned: its run is still under way (%s); wait for it to end, or"
              + " 'provisioner cancel %s' first%n",
          identity, state, identity);
      return false;
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(running.getExecution().getWorkflowId());
    stub.cancel();
    Instant deadline = Instant.now().plus(batchTimeout);
    while (describe(stub).map(d -> d.getStatus() == RUNNING).orElse(false)) {
      if (Instant.now().isAfter(deadline)) {
        out.printf("%s: not reprovisioned: its renewal wait did not end after cancel%n", identity);
        return false;
      }
      Thread.sleep(poll.toMillis());
    }
    return true;
  }

  /** Waits until every started run has ended or is waiting to renew; returns how many failed. */
  private int awaitEnds(List<Started> started) throws InterruptedException {
    Instant deadline = Instant.now().plus(batchTimeout);
    List<Started> pending = new ArrayList<>(started);
    int failed = 0;
    while (!pending.isEmpty()) {
      for (Started node : List.copyOf(pending)) {
        Optional<String> end = ended(node.identity());
        if (end.isPresent()) {
          pending.remove(node);
          boolean ok = end.get().equals("PROVISIONED") || end.get().equals("RENEWAL_WAIT");
          failed += ok ? 0 : 1;
          out.printf("%s: %s (%s)%n", node.identity(), end.get(), node.lineage().describe());
          out.flush();
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        for (Started node : pending) {
          out.printf(
              "%s: still provisioning after %s; see 'provisioner status %s'%n",
              node.identity(), batchTimeout, node.identity());
        }
        return failed + pending.size();
      }
      Thread.sleep(poll.toMillis());
    }
    return failed;
  }

  /** The node's state once its run has ended or waits to renew; empty while it is under way. */
  private Optional<String> ended(String identity) {
    Optional<WorkflowExecutionDescription> d =
        describe(client.newUntypedWorkflowStub(WorkflowIds.node(identity)));
    if (d.isEmpty()) {
      return Optional.of("MISSING");
    }
    String state = d.get().getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE);
    if (d.get().getStatus() == RUNNING) {
      return ProvisioningState.RENEWAL_WAIT.name().equals(state)
          ? Optional.of(state)
          : Optional.empty();
    }
    return Optional.of(state == null ? FleetOperator.statusName(d.get().getStatus()) : state);
  }

  private static Optional<WorkflowExecutionDescription> describe(WorkflowStub stub) {
    try {
      return Optional.of(stub.describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }
}
