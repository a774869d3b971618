package io.fleetwright.workflows;

import io.fleetwright.api.SitePlan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Times the planner on a generated layered site and prints one JSON line. Arguments: nodes (10000),
 * levels (10), timed runs (20). It reports the first (cold) plan and the best of the timed runs, as
 * wall-clock and as this thread's CPU time, because the build machine is shared. Timing is measured
 * here, never asserted in a test.
 */
public final class SitePlannerBench {

  private SitePlannerBench() {}

  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int levels = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    GeneratedSite generated = GeneratedSite.layered(nodes, levels, 42);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    SitePlan plan = SitePlanner.plan(generated.site());
    double firstWall = (System.nanoTime() - wall) / 1e9;
    double firstCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      cpu = threads.getCurrentThreadCpuTime();
      wall = System.nanoTime();
      plan = SitePlanner.plan(generated.site());
      bestWall = Math.min(bestWall, System.nanoTime() - wall);
      bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - cpu);
    }
    System.out.printf(
        "{\"name\":\"site-plan\",\"nodes\":%d,\"levels\":%d,\"first_seconds\":%.4f,"
            + "\"first_cpu_seconds\":%.4f,\"best_seconds\":%.4f,\"best_cpu_seconds\":%.4f,"
            + "\"runs\":%d}%n",
        plan.nodeCount(),
        plan.levels().size(),
        firstWall,
        firstCpu,
        bestWall / 1e9,
        bestCpu / 1e9,
        runs);
  }
}
