package io.fleetwright.app;

import io.fleetwright.api.SiteOrchestratorWorkflow;
import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteRunInput;
import io.fleetwright.api.SiteRunResult;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.operator.TemporalOptions;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.site.BatchSchedule;
import io.fleetwright.site.ResourceRef;
import io.fleetwright.site.SiteException;
import io.fleetwright.site.SiteFile;
import io.fleetwright.site.SiteFiles;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePlanOptions;
import io.fleetwright.site.SitePlanText;
import io.fleetwright.site.SitePlanner;
import io.fleetwright.site.SitePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code site run FILE}: shows the plan, asks, runs it as a workflow and streams its progress. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run Puppet across a site in dependency order as a durable workflow: show the plan, ask,"
          + " then stream progress until the run ends.",
      "Exits 0 when every node ran without failed resources, 1 naming the failed nodes"
          + " otherwise or when not confirmed, 2 on a usage error."
    })
final class SiteRunCommand implements Callable<Integer> {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Parameters(paramLabel = "FILE", description = "The site file (YAML or JSON).")
  Path file;

  @Option(
      names = "--batch",
      paramLabel = "SIZES",
      description = "Batches within each group: 5, 25%%, or a list such as 1,25%%,100%%.")
  String batch;

  @Option(
      names = "--max-failures",
      paramLabel = "N|P%",
      description =
          "Failure budget: a count of nodes (3) or a share of the site (10%%); overrides the"
              + " site file's policy.")
  String maxFailures;

  @Option(
      names = "--events-per-run",
      hidden = true,
      description = "Continue as new once a run's history has this many events (tests).")
  int eventsPerRun;

  @Option(names = "--instance", paramLabel = "APP", description = "Run only this instance.")
  String instance;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--json",
      description =
          "Print one JSON object per line and event (plan, started, progress, result) instead"
              + " of text; the question goes to stderr.")
  boolean json;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "The run's ID in site/<environment>/<ID> (default: the UTC time).")
  String runId;

  @Option(
      names = "--poll",
      paramLabel = "DURATION",
      description = "How often progress is read, as a Choria duration (default 1s).")
  Duration poll = Duration.ofSeconds(1);

  @Override
  public Integer call() throws Exception {
    SiteFile site = SiteFiles.load(file);
    SitePolicy policy = budget(site.policy());
    SitePlanOptions options = new SitePlanOptions(instance(), batch());
    SitePlan plan = SitePlanner.plan(site, options);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? SiteRunJson.plan(plan) + "\n" : SitePlanText.render(plan));
    out.flush();
    if (!yes && !confirmed(json ? spec.commandLine().getErr() : out)) {
      spec.commandLine().getErr().println("Not running the plan.");
      return 1;
    }
    policy = policy.withBatch(plan.batch());
    String id = runId != null ? runId : RUN_ID.format(ZonedDateTime.now(ZoneOffset.UTC));
    SiteRunInput input =
        new SiteRunInput(id, plan, policy, SitePlanner.prerequisites(site, options))
            .withEventsPerRun(eventsPerRun)
            .withRunTimeouts(runTimeouts(site));
    ProvisionerConfig config = temporal.config();
    try (TemporalConnection connection = temporal.connect(config)) {
      SiteOrchestratorWorkflow workflow =
          connection
              .client()
              .newWorkflowStub(
                  SiteOrchestratorWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(WorkflowIds.site(plan.environment(), id))
                      .setTaskQueue(config.temporal().taskQueue())
                      .build());
      CompletableFuture<SiteRunResult> result = WorkflowClient.execute(workflow::run, input);
      String workflowId = WorkflowIds.site(plan.environment(), id);
      out.println(json ? SiteRunJson.started(workflowId) : "Started site run " + workflowId);
      out.flush();
      return report(stream(workflow, result, out));
    }
  }

  /** Per node, the site file's {@code nodes.<node>.runTimeoutSeconds} where it sets one. */
  static java.util.Map<String, Integer> runTimeouts(SiteFile site) {
    java.util.Map<String, Integer> timeouts = new java.util.TreeMap<>();
    site.nodes()
        .forEach(
            (node, settings) -> {
              if (settings.runTimeoutSeconds() != null) {
                timeouts.put(node, settings.runTimeoutSeconds());
              }
            });
    return timeouts;
  }

  /** Applies {@code --max-failures}, a count or a percentage, to the site file's policy. */
  SitePolicy budget(SitePolicy policy) {
    if (maxFailures == null) {
      return policy;
    }
    String text = maxFailures.strip();
    boolean percent = text.endsWith("%");
    String digits = percent ? text.substring(0, text.length() - 1) : text;
    try {
      if (!digits.matches("[0-9]{1,9}")) {
        throw new SiteException(
            "'" + maxFailures + "' is not a count or a percentage; use e.g. 3 or 10%");
      }
      int value = Integer.parseInt(digits);
      return percent ? policy.withMaxFailurePercentage(value) : policy.withMaxFailures(value);
    } catch (SiteException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-failures: " + e.getMessage());
    }
  }

  private boolean confirmed(PrintWriter out) throws java.io.IOException {
    out.print("Are you sure you wish to run this plan? (y/n) ");
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
  }

  private SiteRunResult stream(
      SiteOrchestratorWorkflow workflow, CompletableFuture<SiteRunResult> result, PrintWriter out)
      throws Exception {
    String last = "";
    while (true) {
      try {
        return result.get(poll.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        String line;
        try {
          SiteProgress p = workflow.progress();
          line = json ? SiteRunJson.progress(p) : line(p);
        } catch (RuntimeException unanswered) {
          // No worker answers while the provisioner restarts; the run itself goes on.
          line =
              json
                  ? SiteRunJson.unavailable(unanswered.getMessage())
                  : "progress unavailable: " + unanswered.getMessage();
        }
        if (!line.equals(last)) {
          out.println(line);
          out.flush();
          last = line;
        }
      }
    }
  }

  static String line(SiteProgress p) {
    return String.format(
        Locale.ROOT,
        "group %d/%d batch %d/%d %s: ran %d, failed %d, skipped %d, pending %d",
        p.level(),
        p.levels(),
        p.batch(),
        p.batches(),
        p.phase(),
        p.ran(),
        p.failed(),
        p.skipped(),
        p.pending());
  }

  private int report(SiteRunResult result) {
    PrintWriter out = spec.commandLine().getOut();
    int exit = result.succeeded() ? 0 : 1;
    if (json) {
      out.println(SiteRunJson.result(result, exit));
      out.flush();
      return exit;
    }
    if (result.succeeded() && result.failed().isEmpty()) {
      out.println(result.message());
      out.flush();
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(result.message());
    result.failed().forEach(f -> err.println("\t" + f));
    err.flush();
    return exit;
  }

  private ResourceRef instance() {
    try {
      return instance == null ? null : ResourceRef.parse(instance);
    } catch (SiteException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--instance: " + e.getMessage());
    }
  }

  private BatchSchedule batch() {
    try {
      return batch == null ? null : BatchSchedule.parse(batch);
    } catch (SiteException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--batch: " + e.getMessage());
    }
  }
}
