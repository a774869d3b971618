package io.fleetwright.app.operator;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.api.FleetControlState;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.StepRecord;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ProvisionInputs;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.protocol.NodeIdentity;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The operator commands: status, retry, cancel, pause, resume and nodes. */
public final class NodeCommands {
  private NodeCommands() {}

  /** Base of the commands: a Temporal connection from the shared options. */
  abstract static class Base implements Callable<Integer> {
    @Mixin TemporalOptions temporal;
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
      ProvisionerConfig config = temporal.config();
      try (TemporalConnection connection = temporal.connect(config)) {
        return run(temporal.operator(connection, config), config);
      }
    }

    abstract int run(FleetOperator operator, ProvisionerConfig config);
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show a node's state, what found it, step, attempt, next retry, last message and"
              + " steps so far.")
  public static final class Status extends Base {
    @Parameters(
        paramLabel = "ID",
        description = "Node identity or workflow ID (provision/<identity>).")
    String id;

    @Option(
        names = "--json",
        description = "Print one JSON object (fields in README.md) instead of text.")
    boolean json;

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      StatusReading reading = StatusReading.of(operator, id);
      NodeStatus s = reading.status();
      PrintWriter out = out();
      if (json) {
        out.println(NodeJson.status(s, operator.discoveredBy(id), reading));
      } else {
        print(out, s, operator);
      }
      if (reading.problem().isPresent()) {
        spec.commandLine()
            .getErr()
            .println(spec.root().name() + ": " + s.identity() + ": " + reading.problem().get());
        return 1;
      }
      return 0;
    }

    private void print(PrintWriter out, NodeStatus s, FleetOperator operator) {
      out.printf("node:         %s%n", s.identity());
      out.printf("found by:     %s%n", operator.discoveredBy(id).orElse("-"));
      out.printf("state:        %s%s%n", s.state(), s.paused() ? " (paused)" : "");
      out.printf("step:         %s%n", s.currentStep() == null ? "-" : s.currentStep());
      out.printf("run:          %s%n", NodeLineage.of(operator, id, s).describe());
      out.printf("attempt:      %d%n", s.attempt());
      out.printf(
          "%s   %s%n",
          s.state() == ProvisioningState.RENEWAL_WAIT ? "renew at:  " : "next retry:",
          s.nextRetryAt() == null ? "-" : s.nextRetryAt());
      out.printf("last message: %s%n", s.lastMessage().isEmpty() ? "-" : s.lastMessage());
      if (s.approval() != null) {
        out.printf("approval:     %s%n", s.approval().describe());
      }
      for (String note : s.notes()) {
        out.printf("note:         %s%n", note);
      }
      out.println("steps:");
      for (StepRecord step : s.steps()) {
        out.printf(
            "  %-14s %-10s %8d ms  %s%n",
            step.step(), step.outcome(), step.duration().toMillis(), step.startedAt());
      }
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description =
          "Wake a DEFERRED node now, or start a FAILED, CANCELLED or REJECTED node again.")
  public static final class Retry extends Base {
    @Parameters(paramLabel = "ID", description = "Node identity or workflow ID.")
    String id;

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      out()
          .println(
              operator.retry(
                  id, identity -> ProvisionInputs.of(config, NodeIdentity.of(identity), "cli")));
      return 0;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a node's provisioning; it ends CANCELLED.")
  public static final class Cancel extends Base {
    @Parameters(paramLabel = "ID", description = "Node identity or workflow ID.")
    String id;

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      out().println(operator.cancel(id));
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause the whole fleet: no node moves past its current step on any worker.")
  public static final class Pause extends Base {
    @Option(names = "--reason", description = "Why, shown in status and the Web UI.")
    String reason = "";

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      print(operator.pause(new ControlRequest(reason, System.getProperty("user.name", ""))));
      return 0;
    }

    void print(FleetOperator.ControlOutcome outcome) {
      FleetControlState state = outcome.state();
      out()
          .println(
              "fleet paused since "
                  + state.since()
                  + "; signalled "
                  + outcome.signalled()
                  + " running nodes"
                  + (state.reason().isEmpty() ? "" : ": " + state.reason()));
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume the fleet; each node continues where it stopped.")
  public static final class Resume extends Base {
    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      FleetOperator.ControlOutcome outcome =
          operator.resume(new ControlRequest("", System.getProperty("user.name", "")));
      out().println("fleet resumed; signalled " + outcome.signalled() + " running nodes");
      return 0;
    }
  }

  @Command(
      name = "nodes",
      mixinStandardHelpOptions = true,
      description = "List nodes from Temporal visibility, with counts by state.")
  public static final class Nodes extends Base {
    @Option(
        names = "--state",
        paramLabel = "S",
        description = "Only nodes in this state: ${COMPLETION-CANDIDATES}.")
    ProvisioningState state;

    @Option(names = "--limit", description = "At most this many lines (default ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Option(
        names = "--expiring",
        paramLabel = "D",
        description =
            "Only nodes whose credentials expire within D (e.g. 30d), soonest first, with their"
                + " expiry (needs renewal.before_expiry).")
    String expiring;

    @Option(
        names = "--json",
        description =
            "Print one JSON object, {\"nodes\": [...], \"counts\": {...}} (fields in README.md),"
                + " instead of text.")
    boolean json;

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      PrintWriter out = out();
      if (expiring != null && json) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--json does not combine with --expiring yet; use one of them");
      }
      if (expiring != null) {
        return NodeLineage.printExpiring(operator, out, expiring, limit);
      }
      List<WorkflowExecutionMetadata> nodes = operator.nodes(Optional.ofNullable(state), limit);
      if (json) {
        out.println(NodeJson.nodes(nodes, operator.countsByState()));
        return 0;
      }
      for (WorkflowExecutionMetadata m : nodes) {
        String nodeState = m.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_STATE);
        Long attempt = m.getTypedSearchAttributes().get(SearchAttributeKeys.PROVISIONING_ATTEMPT);
        out.printf(
            "%-40s %-12s attempt %-3s %s%n",
            FleetOperator.identity(m.getExecution().getWorkflowId()),
            nodeState,
            attempt == null ? "-" : attempt,
            FleetOperator.statusName(m.getStatus()));
      }
      StringBuilder counts = new StringBuilder("counts:");
      for (Map.Entry<String, Long> e : operator.countsByState().entrySet()) {
        if (e.getValue() > 0) {
          counts.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
      }
      out.println(counts);
      return 0;
    }
  }
}
