package io.fleetwright.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.Durations;
import io.fleetwright.app.operator.TemporalOptions;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.helpers.HelperRunner;
import io.fleetwright.helpers.HelperRunners;
import io.fleetwright.helpers.HelperRuntime;
import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helper replay} and {@code helper try}: a helper's dry run on recorded node inputs. */
@Command(
    name = "helper",
    mixinStandardHelpOptions = true,
    description = "Dry-run a helper on the inputs recorded in node histories.",
    subcommands = {HelperCommand.Replay.class, HelperCommand.Try.class})
public final class HelperCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand; use 'helper replay --helper FILE'");
  }

  /** What both subcommands share: the helper file, the Temporal connection, the output. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TemporalOptions temporal;

    @Option(
        names = "--helper",
        required = true,
        paramLabel = "FILE",
        description =
            "The helper to try: a .js/.mjs/.py file or a command line, run in the same runtime"
                + " and sandbox as the worker runs it (helper_runtime and helper_timeout from"
                + " --config).")
    String helper;

    @Override
    public Integer call() {
      ProvisionerConfig config = temporal.config();
      try (HelperRunner runner = runner(config);
          TemporalConnection connection = temporal.connect(config)) {
        NodeRuns runs = new NodeRuns(connection.client());
        HelperHistory history =
            new HelperHistory(connection.client().getOptions().getDataConverter());
        return run(runs, history, new HelperReplay(runner), spec.commandLine().getOut());
      }
    }

    abstract int run(NodeRuns runs, HelperHistory history, HelperReplay replay, PrintWriter out);

    private HelperRunner runner(ProvisionerConfig config) {
      try {
        return HelperRunners.create(
            HelperConfig.builder()
                .helper(helper)
                .runtime(HelperRuntime.parse(config.helperRuntime()))
                .timeout(config.helperTimeout())
                .poolSize(1)
                .build());
      } catch (HelperException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    /** The recorded call of one run, or why it cannot be had. */
    static Object recorded(NodeRuns runs, HelperHistory history, NodeRuns.NodeRun run) {
      try {
        return history.lastCall(run.identity(), run.runId(), runs.history(run));
      } catch (HelperHistory.Unrecoverable e) {
        return Verdict.unrecoverable(run.identity(), run.runId(), e.getMessage());
      } catch (RuntimeException e) {
        return Verdict.unrecoverable(
            run.identity(), run.runId(), "cannot read its history: " + e.getMessage());
      }
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Run FILE on the recorded helper input of recent nodes and compare each reply with the"
            + " recorded decision: same, changed (keys old → new, secrets masked), defer ↔"
            + " configure, shutdown, invalid (the error production would raise), or"
            + " unrecoverable. No RPC, no signing, no workflow started.",
        "Exits 0 when no reply is invalid, 1 when one is (or no node could be read), 2 on a"
            + " usage error."
      })
  static final class Replay extends Base {
    @Option(
        names = "--since",
        paramLabel = "DURATION",
        description = "Only runs started this long ago or later, e.g. 1h or 7d.")
    String since;

    @Option(
        names = "--state",
        paramLabel = "S",
        description = "Only nodes in this state: ${COMPLETION-CANDIDATES}.")
    ProvisioningState state;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "At most N nodes (default ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    int run(NodeRuns runs, HelperHistory history, HelperReplay replay, PrintWriter out) {
      List<Verdict> verdicts = new ArrayList<>();
      for (NodeRuns.NodeRun run : runs.recent(since(), Optional.ofNullable(state), limit())) {
        Object recorded = recorded(runs, history, run);
        Verdict verdict =
            recorded instanceof RecordedCall call ? replay.verdict(call) : (Verdict) recorded;
        verdicts.add(verdict);
        if (!json) {
          out.println(ReplayReport.line(verdict));
          out.flush();
        }
      }
      ReplayReport report = new ReplayReport(verdicts);
      out.print(json ? report.json() : report.summary() + "\n");
      out.flush();
      return report.exitCode();
    }

    private Optional<Duration> since() {
      try {
        return Optional.ofNullable(since).map(s -> Durations.parse("--since", s));
      } catch (RuntimeException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    private int limit() {
      if (limit < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--limit: at least 1, e.g. 100 (got " + limit + ")");
      }
      return limit;
    }
  }

  @Command(
      name = "try",
      mixinStandardHelpOptions = true,
      description = {
        "Run FILE on one node's recorded helper input, compare it with the recorded decision"
            + " and print the full reply (secrets masked).",
        "Exits 0 when the reply is valid, 1 when it is invalid or the input cannot be read, 2 on"
            + " a usage error."
      })
  static final class Try extends Base {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
        names = "--identity",
        required = true,
        paramLabel = "ID",
        description = "Node identity or workflow ID (provision/<identity>).")
    String identity;

    @Override
    int run(NodeRuns runs, HelperHistory history, HelperReplay replay, PrintWriter out) {
      NodeRuns.NodeRun run;
      try {
        run = runs.latest(identity);
      } catch (WorkflowNotFoundException e) {
        throw new IllegalArgumentException(
            "no workflow for " + identity + "; list nodes with 'provisioner nodes'");
      }
      Object recorded = recorded(runs, history, run);
      if (recorded instanceof Verdict unrecoverable) {
        out.println(ReplayReport.line(unrecoverable));
        return 1;
      }
      HelperReplay.Replayed replayed = replay.replay((RecordedCall) recorded);
      out.println(ReplayReport.line(replayed.verdict()));
      if (replayed.response() != null) {
        out.println("reply:");
        out.println(reply(replayed.response()));
      }
      out.flush();
      return new ReplayReport(List.of(replayed.verdict())).exitCode();
    }

    /** The reply as JSON, with the key and secret configuration values masked. */
    static String reply(HelperResponse response) {
      ObjectNode node = JSON.valueToTree(response);
      if (!response.key().isEmpty()) {
        node.put("key", SecretValues.MASK);
      }
      ObjectNode configuration = (ObjectNode) node.get("configuration");
      response.configuration().forEach((k, v) -> configuration.put(k, SecretValues.show(k, v)));
      try {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot print the reply as JSON: " + e.getMessage(), e);
      }
    }
  }
}
