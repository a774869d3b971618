package io.fleetwright.app.operator;

import io.fleetwright.api.ControlRequest;
import io.fleetwright.app.ProvisionerConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that answer a helper's request for approval: approve and reject. */
public final class ApprovalCommands {
  private ApprovalCommands() {}

  /** Prints each outcome, errors to stderr; exit 0 when every node took the decision, else 1. */
  static int report(CommandLine cli, List<NodeApprovals.Outcome> outcomes) {
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    int failed = 0;
    for (NodeApprovals.Outcome outcome : outcomes) {
      if (outcome.applied()) {
        out.println(outcome.message());
      } else {
        failed++;
        err.println(outcome.message());
      }
    }
    return failed == 0 ? 0 : 1;
  }

  static ControlRequest request(String reason) {
    return new ControlRequest(reason, System.getProperty("user.name", ""));
  }

  /** Which nodes: the IDs given, or every node awaiting approval. */
  static final class Targets {
    @Parameters(
        paramLabel = "ID",
        arity = "1..*",
        description = "Node identities or workflow IDs (provision/<identity>).")
    List<String> ids;

    @Option(
        names = "--all-waiting",
        required = true,
        description = "Every node that is AWAITING_APPROVAL (from Temporal visibility).")
    boolean allWaiting;
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description =
          "Approve nodes whose helper asked for approval: each is configured with the reply its"
              + " helper gave (the helper is not run again).")
  public static final class Approve extends NodeCommands.Base {
    @ArgGroup(multiplicity = "1")
    Targets targets;

    @Option(names = "--reason", description = "Why, recorded in the node's history and status.")
    String reason = "";

    @Option(
        names = "--limit",
        description = "With --all-waiting, at most this many nodes (default ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      NodeApprovals approvals = operator.approvals();
      List<String> ids = targets.allWaiting ? approvals.waiting(limit) : targets.ids;
      if (ids.isEmpty()) {
        out().println("no node is AWAITING_APPROVAL");
        return 0;
      }
      return report(spec.commandLine(), approvals.approve(ids, request(reason)));
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Reject nodes whose helper asked for approval: each ends REJECTED, unchanged, and"
              + " discovery leaves it alone until 'provisioner retry'.")
  public static final class Reject extends NodeCommands.Base {
    @Parameters(
        paramLabel = "ID",
        arity = "1..*",
        description = "Node identities or workflow IDs (provision/<identity>).")
    List<String> ids;

    @Option(names = "--reason", description = "Why, recorded in the node's history and status.")
    String reason = "";

    @Override
    int run(FleetOperator operator, ProvisionerConfig config) {
      return report(spec.commandLine(), operator.approvals().reject(ids, request(reason)));
    }
  }
}
