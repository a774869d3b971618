package io.fleetwright.tools.bench;

import io.fleetwright.site.SitePlanTiming;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark 5: plan time of a 10,000-node layered site (best of 20, and the cold first plan), and
 * the overhead ratio of a 1,000-node, 10-group site run on real servers.
 */
final class OrchestratorBench {
  static final int PLAN_NODES = 10_000;
  static final int SITE_NODES = 1000;
  static final int SITE_GROUPS = 10;

  private OrchestratorBench() {}

  static BenchLine run(BenchTarget target, PrintStream log) throws Exception {
    SitePlanTiming.Result plan = SitePlanTiming.measure(PLAN_NODES, 10, 20);
    log.printf(
        "bench: orchestrator: planned %d nodes in %.3f s (best of %d)%n",
        plan.nodes(), plan.bestSeconds(), plan.runs());
    SiteOverhead.Result site =
        SiteOverhead.measure(
            target.natsUrl(),
            target.temporalTarget(),
            target.dir().resolve("site"),
            SITE_NODES,
            SITE_GROUPS);
    Map<String, Object> siteRun = new LinkedHashMap<>();
    siteRun.put("nodes", site.nodes());
    siteRun.put("groups", site.groups());
    siteRun.put("wall_seconds", BenchLine.round(site.wallSeconds()));
    siteRun.put("ideal_seconds", BenchLine.round(site.idealSeconds()));
    siteRun.put("overhead", BenchLine.round(site.overhead()));
    return BenchLine.of("orchestrator", plan.nodes(), plan.bestSeconds())
        .with("plan_levels", plan.levels())
        .with("plan_first_seconds", plan.firstSeconds())
        .with("plan_best_cpu_seconds", plan.bestCpuSeconds())
        .with("plan_runs", plan.runs())
        .with("site_run", siteRun)
        .with("load_average", BenchCommand.loadAverage());
  }
}
