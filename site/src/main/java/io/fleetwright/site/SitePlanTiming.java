package io.fleetwright.site;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Times the planner on a generated layered site: the first (cold) plan and the best of the timed
 * runs, as wall-clock and as this thread's CPU time, because build machines are shared.
 */
public final class SitePlanTiming {
  private SitePlanTiming() {}

  /** The figures of one timing. */
  public record Result(
      int nodes,
      int levels,
      double firstSeconds,
      double firstCpuSeconds,
      double bestSeconds,
      double bestCpuSeconds,
      int runs) {}

  /** Plans a layered site of {@code nodes} in {@code levels} levels once cold, then runs times. */
  public static Result measure(int nodes, int levels, int runs) {
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
    return new Result(
        plan.nodeCount(),
        plan.levels().size(),
        firstWall,
        firstCpu,
        bestWall / 1e9,
        bestCpu / 1e9,
        runs);
  }
}
