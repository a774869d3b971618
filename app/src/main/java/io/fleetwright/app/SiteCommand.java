package io.fleetwright.app;

import io.fleetwright.site.BatchSchedule;
import io.fleetwright.site.ResourceRef;
import io.fleetwright.site.SiteException;
import io.fleetwright.site.SiteFile;
import io.fleetwright.site.SiteFiles;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePlanOptions;
import io.fleetwright.site.SitePlanText;
import io.fleetwright.site.SitePlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code site} command: plans Puppet runs across a site in dependency order. */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description =
        "Puppet runs across a site in dependency order (Choria's application orchestrator).",
    subcommands = {
      SiteCommand.Plan.class,
      SiteRunCommand.class,
      SiteControlCommand.Approve.class,
      SiteControlCommand.Pause.class,
      SiteControlCommand.Resume.class,
      SiteControlCommand.Abort.class,
      SiteControlCommand.Status.class
    })
public final class SiteCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand; use 'site plan FILE' to show a site's run order");
  }

  /** {@code site plan FILE}: prints the node groups, batches and components of a site file. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Print the run order of a site file: node groups (levels) in order, their batches, and"
            + " what each node runs.",
        "FILE is YAML or JSON; a Puppet /puppet/v3/environment reply works as it is."
      })
  static final class Plan implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The site file (YAML or JSON).")
    Path file;

    @Option(names = "--json", description = "Print the plan as JSON instead of text.")
    boolean json;

    @Option(
        names = "--batch",
        paramLabel = "SIZES",
        description =
            "Batches within each group, overriding the file's policy.batch: a node count (5), a"
                + " percentage of the group (25%%), or a list such as 1,25%%,100%% (a canary of 1,"
                + " then 25%%, then the rest).")
    String batch;

    @Option(
        names = "--instance",
        paramLabel = "APP",
        description = "Plan only this application instance, e.g. Lamp[app2].")
    String instance;

    @Override
    public Integer call() {
      SitePlanOptions options = new SitePlanOptions(instance(), batch());
      SiteFile site = SiteFiles.load(file);
      SitePlan plan = SitePlanner.plan(site, options);
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? SiteFiles.toJson(plan) + "\n" : SitePlanText.render(plan));
      out.flush();
      return 0;
    }

    private ResourceRef instance() {
      try {
        return instance == null ? null : ResourceRef.parse(instance);
      } catch (SiteException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--instance: " + e.getMessage());
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
}
