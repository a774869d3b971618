package io.fleetwright.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.api.SiteOrchestratorWorkflow;
import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.app.operator.TemporalOptions;
import io.fleetwright.app.worker.TemporalConnection;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code site approve|pause|resume|abort|status RUN-ID}: the site run's signals and query. */
final class SiteControlCommand {
  static final String SITE_WORKFLOW_TYPE = "SiteOrchestratorWorkflow";

  private SiteControlCommand() {}

  /** Resolves the run and hands the subclass a stub of it. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TemporalOptions temporal;

    @Parameters(
        paramLabel = "RUN-ID",
        description =
            "The site run: its workflow ID site/<environment>/<ID>, or the ID alone, as 'site run'"
                + " printed it.")
    String runId;

    @Override
    public Integer call() {
      ProvisionerConfig config = temporal.config();
      try (TemporalConnection connection = temporal.connect(config)) {
        WorkflowClient client = connection.client();
        String workflowId = workflowId(client, runId);
        return run(client, workflowId, spec.commandLine().getOut());
      }
    }

    abstract int run(WorkflowClient client, String workflowId, PrintWriter out);

    /** Sends one signal; a run that has ended gets a message naming its end and the fix. */
    int signal(
        WorkflowClient client,
        String workflowId,
        PrintWriter out,
        String done,
        java.util.function.Consumer<SiteOrchestratorWorkflow> signal) {
      WorkflowExecutionStatus status = status(client, workflowId);
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new IllegalStateException(
            "site run %s is not running: it ended %s; see 'provisioner site status %s'"
                .formatted(workflowId, FleetOperator.statusName(status), runId));
      }
      signal.accept(client.newWorkflowStub(SiteOrchestratorWorkflow.class, workflowId));
      out.println(workflowId + ": " + done);
      out.flush();
      return 0;
    }
  }

  /** The workflow ID of a run given as a full workflow ID or as its last part. */
  static String workflowId(WorkflowClient client, String id) {
    if (id.startsWith(WorkflowIds.SITE_PREFIX)) {
      return id;
    }
    try (Stream<io.temporal.client.WorkflowExecutionMetadata> runs =
        client.listExecutions("WorkflowType='" + SITE_WORKFLOW_TYPE + "'")) {
      List<String> matches =
          runs.map(m -> m.getExecution().getWorkflowId())
              .filter(w -> w.endsWith("/" + id))
              .distinct()
              .toList();
      if (matches.isEmpty()) {
        throw new IllegalArgumentException(
            "no site run with ID "
                + id
                + "; give the workflow ID site/<environment>/"
                + id
                + " that 'site run' printed");
      }
      if (matches.size() > 1) {
        throw new IllegalArgumentException(
            "site run ID " + id + " is ambiguous: " + matches + "; give one of these workflow IDs");
      }
      return matches.get(0);
    }
  }

  static WorkflowExecutionStatus status(WorkflowClient client, String workflowId) {
    try {
      return client
          .newUntypedWorkflowStub(workflowId)
          .describe()
          .getWorkflowExecutionInfo()
          .getStatus();
    } catch (WorkflowNotFoundException e) {
      throw new IllegalArgumentException(
          "no site run " + workflowId + "; start one with 'provisioner site run FILE'");
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Release a site run's canary gate: it continues after its first batch.")
  static final class Approve extends Base {
    @Override
    int run(WorkflowClient client, String workflowId, PrintWriter out) {
      return signal(
          client,
          workflowId,
          out,
          "approved; the run continues past its canary batch",
          SiteOrchestratorWorkflow::approve);
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Hold a site run before its next batch; the running batch finishes.")
  static final class Pause extends Base {
    @Override
    int run(WorkflowClient client, String workflowId, PrintWriter out) {
      return signal(
          client,
          workflowId,
          out,
          "pause requested; the run holds before its next batch",
          SiteOrchestratorWorkflow::pause);
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Let a paused site run continue.")
  static final class Resume extends Base {
    @Override
    int run(WorkflowClient client, String workflowId, PrintWriter out) {
      return signal(client, workflowId, out, "resumed", SiteOrchestratorWorkflow::resume);
    }
  }

  @Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description =
          "Stop a site run before its next batch; the site stays disabled as after a failure.")
  static final class Abort extends Base {
    @Option(
        names = "--reason",
        paramLabel = "R",
        description = "Why; shown in status and the result.")
    String reason;

    @Override
    int run(WorkflowClient client, String workflowId, PrintWriter out) {
      String why =
          reason != null && !reason.isBlank()
              ? reason
              : "aborted by " + System.getProperty("user.name", "an operator") + " from the CLI";
      return signal(client, workflowId, out, "abort requested: " + why, site -> site.abort(why));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show where a site run is (group, batch, phase, counts, failed nodes), or how it ended.")
  static final class Status extends Base {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    int run(WorkflowClient client, String workflowId, PrintWriter out) {
      WorkflowExecutionStatus status = status(client, workflowId);
      ObjectNode node = JSON.createObjectNode();
      node.put("workflow_id", workflowId);
      node.put("status", FleetOperator.statusName(status));
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        SiteProgress p =
            client.newWorkflowStub(SiteOrchestratorWorkflow.class, workflowId).progress();
        node.set("progress", JSON.valueToTree(p));
        print(
            out,
            node,
            List.of(
                "run:    " + workflowId, "status: RUNNING", "now:    " + SiteRunCommand.line(p)),
            p.failedNodes());
      } else {
        SiteRunResult result = result(client, workflowId);
        if (result != null) {
          node.set("result", JSON.valueToTree(result));
        }
        String ended = FleetOperator.statusName(status);
        print(
            out,
            node,
            List.of(
                "run:    " + workflowId,
                "status: " + ended,
                "result: " + (result == null ? "-" : result.message())),
            result == null ? List.of() : result.failed());
      }
      return 0;
    }

    private void print(PrintWriter out, ObjectNode node, List<String> lines, List<String> failed) {
      if (json) {
        out.println(node);
      } else {
        lines.forEach(out::println);
        if (!failed.isEmpty()) {
          out.println("failed:");
          failed.forEach(f -> out.println("  " + f));
        }
      }
      out.flush();
    }

    /** The result of an ended run; null when it ended without one (cancelled, terminated). */
    private static SiteRunResult result(WorkflowClient client, String workflowId) {
      WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
      try {
        return stub.getResult(SiteRunResult.class);
      } catch (WorkflowFailedException e) {
        return null;
      }
    }
  }
}
