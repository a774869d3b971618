package io.fleetwright.app.operator;

import io.fleetwright.activities.ActivityMetrics;
import io.fleetwright.activities.CollectiveActivitiesImpl;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.ChoriaClients;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ProvisionInputs;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.FactFilter;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.NodeIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provisioner reprovision}: provision provisioned nodes again, batch by batch. */
@Command(
    name = "reprovision",
    mixinStandardHelpOptions = true,
    description = {
      "Put provisioned nodes back into provisioning mode (choria_provision#reprovision, with the"
          + " token, in their main collective) and provision each again in a new run linked to"
          + " its previous one. Shows the plan and asks first unless --yes.",
      "Exits 0 when every node ended provisioned again, 1 when one did not or the plan was not"
          + " confirmed, 2 on a usage error."
    })
public final class ReprovisionCommand implements Callable<Integer> {
  @Mixin TemporalOptions temporal;
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Selection selection;

  /** Which nodes: exactly one way of choosing them. */
  static final class Selection {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Node identities or workflow IDs.")
    List<String> ids;

    @Option(names = "--state", paramLabel = "S", description = "Every node in this state.")
    ProvisioningState state;

    @Option(
        names = "--fact",
        paramLabel = "KEY=VALUE",
        description = "Every node of the main collective with this fact (discovered there).")
    String fact;

    @Option(names = "--all", description = "Every PROVISIONED or RENEWAL_WAIT node.")
    boolean all;
  }

  @Option(names = "--batch", description = "Nodes per batch (default ${DEFAULT-VALUE}).")
  int batch = 10;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--batch-timeout",
      paramLabel = "DURATION",
      description = "How long a batch may take (default ${DEFAULT-VALUE}).")
  Duration batchTimeout = Duration.ofMinutes(10);

  @Override
  public Integer call() throws Exception {
    if (batch < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--batch must be 1 or more, got " + batch);
    }
    ProvisionerConfig config = temporal.config();
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(config);
        ChoriaClient main = ChoriaClients.connectMainCollective(config)) {
      FleetOperator operator = temporal.operator(connection, config);
      List<String> nodes = targets(operator, main);
      if (nodes.isEmpty()) {
        out.println("no node matches; nothing to reprovision");
        return 0;
      }
      List<List<String>> batches = batches(nodes, batch);
      printPlan(out, nodes, batches.size());
      if (!yes && !confirmed(out)) {
        spec.commandLine().getErr().println("Not reprovisioning.");
        return 1;
      }
      String by = System.getProperty("user.name", "operator");
      Reprovisioning run =
          new Reprovisioning(
              connection.client(),
              config.temporal().taskQueue(),
              collective(config, main),
              identity -> ProvisionInputs.of(config, NodeIdentity.of(identity), "reprovision"),
              out,
              by,
              Duration.ofSeconds(1),
              batchTimeout);
      int failed = run.run(batches);
      out.printf("reprovisioned %d/%d nodes%n", nodes.size() - failed, nodes.size());
      return failed == 0 ? 0 : 1;
    }
  }

  private static CollectiveActivitiesImpl collective(ProvisionerConfig config, ChoriaClient main) {
    return new CollectiveActivitiesImpl(
        (identity, agent, action, data, timeout, validUntil) ->
            main.call(identity, agent, action, data, timeout, validUntil).reply(),
        config.token().value(),
        new ActivityMetrics(new SimpleMeterRegistry(), config.site()));
  }

  private List<String> targets(FleetOperator operator, ChoriaClient main) {
    TreeSet<String> nodes = new TreeSet<>();
    if (selection.ids != null) {
      selection.ids.forEach(id -> nodes.add(FleetOperator.identity(id)));
    } else if (selection.fact != null) {
      nodes.addAll(main.discover(factFilter(selection.fact), Duration.ofSeconds(2)));
    } else {
      List<ProvisioningState> states =
          selection.all
              ? List.of(ProvisioningState.PROVISIONED, ProvisioningState.RENEWAL_WAIT)
              : List.of(selection.state);
      for (ProvisioningState s : states) {
        operator.nodes(Optional.of(s), Integer.MAX_VALUE).stream()
            .filter(
                m ->
                    s.name()
                        .equals(
                            m.getTypedSearchAttributes()
                                .get(SearchAttributeKeys.PROVISIONING_STATE)))
            .forEach(m -> nodes.add(FleetOperator.identity(m.getExecution().getWorkflowId())));
      }
    }
    return List.copyOf(nodes);
  }

  private Filter factFilter(String fact) {
    int eq = fact.indexOf('=');
    if (eq < 1 || eq == fact.length() - 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--fact must be KEY=VALUE, e.g. --fact role=web; got " + fact);
    }
    return Filter.agent("choria_provision")
        .withFact(new FactFilter(fact.substring(0, eq), "==", fact.substring(eq + 1)));
  }

  static List<List<String>> batches(List<String> nodes, int size) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i += size) {
      batches.add(List.copyOf(nodes.subList(i, Math.min(nodes.size(), i + size))));
    }
    return batches;
  }

  private static void printPlan(PrintWriter out, List<String> nodes, int batches) {
    out.printf(
        "reprovision %d nodes in %d batches (choria_provision#reprovision, then provision"
            + " again):%n",
        nodes.size(), batches);
    nodes.stream().limit(20).forEach(n -> out.println("  " + n));
    if (nodes.size() > 20) {
      out.printf("  ... and %d more%n", nodes.size() - 20);
    }
    out.flush();
  }

  private static boolean confirmed(PrintWriter out) throws IOException {
    out.print("Are you sure you wish to reprovision these nodes? (y/n) ");
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
  }
}
