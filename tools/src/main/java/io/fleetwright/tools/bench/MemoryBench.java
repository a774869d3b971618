package io.fleetwright.tools.bench;

import io.fleetwright.fleet.Fleet;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 3: our worker's RSS (its own process) when 1k, 10k, ... nodes have been provisioned in
 * one run, which must not grow with the count; and the emulator's heap per provisioned node. The
 * worker gets a fixed heap limit, as in production: without one ZGC grows the heap towards a
 * quarter of the machine's memory whatever the live data, and RSS follows the heap, not the nodes.
 */
final class MemoryBench {
  private final BenchTarget target;
  private final BenchSettings settings;
  private final PrintStream log;

  MemoryBench(BenchTarget target, BenchSettings settings, PrintStream log) {
    this.target = target;
    this.settings = settings;
    this.log = log;
  }

  BenchLine run() throws InterruptedException {
    List<Integer> checkpoints = settings.memoryNodes();
    int nodes = checkpoints.getLast();
    Path config =
        BenchFiles.ours(
            target.dir(), target, BenchFiles.jsHelper(target.dir()), settings.workers(), true);
    List<String> command =
        List.of(target.provisionerCommand().toString(), "run", "--config", config.toString());
    long heapBefore = usedAfterGc();
    try (Fleet fleet =
            FleetRun.build(target, nodes, "mem-%07d.bench.local", settings.keyPool(), 7);
        BenchProcess worker =
            BenchProcess.start(
                "ours (memory)",
                command,
                Map.of("FLEETWRIGHT_JAVA_OPTS", "-Xmx" + settings.workerHeapMb() + "m"),
                target.dir().resolve("ours-memory.log"),
                target.natsUrl(),
                Duration.ofSeconds(120));
        RecordedRuns recorded = RecordedRuns.since(target.temporalTarget())) {
      Map<String, Object> rss = new LinkedHashMap<>();
      long idle = worker.rssBytes();
      int[] next = {0};
      FleetRun.Result result =
          FleetRun.run(
              fleet,
              settings.timeout(),
              log,
              "ours (memory)",
              ok -> {
                while (next[0] < checkpoints.size() && ok >= checkpoints.get(next[0])) {
                  long bytes = worker.rssBytes();
                  rss.put(
                      String.valueOf(checkpoints.get(next[0])), BenchLine.round(bytes / 1048576.0));
                  log.printf(
                      "bench: memory: worker RSS %.0f MB after %d nodes%n",
                      bytes / 1048576.0, checkpoints.get(next[0]));
                  next[0]++;
                }
              },
              recorded::provisioned);
      long heapAfter = usedAfterGc();
      return BenchLine.of("memory", result.provisioned(), result.seconds())
          .with("worker_heap_limit_mb", settings.workerHeapMb())
          .with("worker_rss_mb_idle", idle / 1048576.0)
          .with("worker_rss_mb_after_nodes", rss)
          .with("worker_peak_rss_mb", worker.peakRssBytes() / 1048576.0)
          .with("emulator_bytes_per_node", (heapAfter - heapBefore) / Math.max(1, nodes))
          .with("helper", "javascript in-process")
          .with("load_average", BenchCommand.loadAverage());
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
