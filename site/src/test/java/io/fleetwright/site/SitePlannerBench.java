package io.fleetwright.site;

/**
 * Times the planner on a generated layered site and prints one JSON line. Arguments: nodes (10000),
 * levels (10), timed runs (20). {@code provisioner bench --only orchestrator} prints the same
 * figures. Timing is measured here, never asserted in a test.
 */
public final class SitePlannerBench {

  private SitePlannerBench() {}

  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int levels = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    SitePlanTiming.Result r = SitePlanTiming.measure(nodes, levels, runs);
    System.out.printf(
        "{\"name\":\"site-plan\",\"nodes\":%d,\"levels\":%d,\"first_seconds\":%.4f,"
            + "\"first_cpu_seconds\":%.4f,\"best_seconds\":%.4f,\"best_cpu_seconds\":%.4f,"
            + "\"runs\":%d}%n",
        r.nodes(),
        r.levels(),
        r.firstSeconds(),
        r.firstCpuSeconds(),
        r.bestSeconds(),
        r.bestCpuSeconds(),
        r.runs());
  }
}
