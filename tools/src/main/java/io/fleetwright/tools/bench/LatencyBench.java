package io.fleetwright.tools.bench;

import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark 2: nodes arrive at a steady rate (a small fleet every tick) while our provisioner runs
 * with the in-process JavaScript helper; per node, the time from its fleet announcing it to its
 * restart (the node leaving provisioning mode), as p50 and p99.
 */
final class LatencyBench {
  private static final long TICK_MILLIS = 250;

  private final BenchTarget target;
  private final BenchSettings settings;
  private final PrintStream log;
  private ProcCpu.Watch secondHalf;
  private int doneAtHalf;

  LatencyBench(BenchTarget target, BenchSettings settings, PrintStream log) {
    this.target = target;
    this.settings = settings;
    this.log = log;
  }

  BenchLine run() throws InterruptedException {
    int perTick = Math.max(1, (int) (settings.latencyRate() * TICK_MILLIS / 1000));
    long tickMillis = perTick * 1000L / settings.latencyRate();
    int ticks = (int) Math.max(1, settings.latencySeconds() * 1000L / tickMillis);
    List<Fleet> fleets = new ArrayList<>();
    for (int t = 0; t < ticks; t++) {
      fleets.add(
          FleetRun.build(
              target,
              perTick,
              "lat-" + t + "-%04d.bench.local",
              Math.min(perTick, Math.max(1, settings.keyPool())),
              42 + t));
    }
    Path config =
        BenchFiles.ours(
            target.dir(), target, BenchFiles.jsHelper(target.dir()), settings.workers(), true);
    List<String> command =
        List.of(target.provisionerCommand().toString(), "run", "--config", config.toString());
    try (BenchProcess worker =
        BenchProcess.start(
            "ours (latency)",
            command,
            target.dir().resolve("ours-latency.log"),
            target.natsUrl(),
            Duration.ofSeconds(120))) {
      Map<String, ProcCpu.Source> pids = new LinkedHashMap<>();
      pids.put("provisioner", ProcCpu.Source.process(worker.pid()));
      pids.putAll(target.serverPids());
      ProcCpu.Watch cpu = ProcCpu.watch(pids);
      BenchLine line = measure(fleets, perTick, tickMillis, () -> ProcCpu.watch(pids));
      return line.with("worker_jit", workerJit())
          .with("cpu_ms_per_node", cpu.msPerNode(line.nodes()))
          .with(
              "cpu_ms_per_node_second_half",
              (secondHalf != null ? secondHalf : cpu).msPerNode(line.nodes() - doneAtHalf))
          .with("worker_rss_mb", worker.rssBytes() / 1048576.0)
          .with("load_average", BenchCommand.loadAverage());
    } finally {
      fleets.forEach(Fleet::close);
    }
  }

  /**
   * Runs the arrivals; when half of them have started, {@code halfway} starts the CPU watch of the
   * second half, which leaves the start-up and the JIT's early compiling out.
   */
  private BenchLine measure(
      List<Fleet> fleets, int perTick, long tickMillis, Supplier<ProcCpu.Watch> halfway)
      throws InterruptedException {
    int total = fleets.size() * perTick;
    long[] appeared = new long[total];
    long[] restarted = new long[total];
    long began = System.nanoTime();
    long deadline = began + settings.timeout().toNanos();
    int started = 0;
    int done = 0;
    while (done < total && System.nanoTime() < deadline) {
      long now = System.nanoTime();
      while (started < fleets.size() && now >= began + started * tickMillis * 1_000_000) {
        fleets.get(started).start();
        long at = System.nanoTime();
        Arrays.fill(appeared, started * perTick, (started + 1) * perTick, at);
        started++;
        now = at;
      }
      done = sweep(fleets, started, perTick, restarted);
      if (secondHalf == null && started >= fleets.size() / 2) {
        secondHalf = halfway.get();
        doneAtHalf = done;
      }
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    long[] millis = new long[done];
    int k = 0;
    for (int i = 0; i < total; i++) {
      if (restarted[i] != 0) {
        millis[k++] = (restarted[i] - appeared[i]) / 1_000_000;
      }
    }
    Arrays.sort(millis);
    log.printf(
        "bench: latency: %d/%d nodes, p50 %d ms, p99 %d ms%n",
        done, total, percentile(millis, 0.5), percentile(millis, 0.99));
    return BenchLine.of("latency", done, seconds)
        .with("arrival_per_second", settings.latencyRate())
        .with("arrived", total)
        .with("helper", "javascript in-process")
        .with("pki", true)
        .with("node_keys", "pool")
        .with("p50_ms", percentile(millis, 0.5))
        .with("p99_ms", percentile(millis, 0.99))
        .with("max_ms", millis.length == 0 ? 0 : millis[millis.length - 1]);
  }

  /** The worker's JIT as bin/provisioner chooses it from FLEETWRIGHT_WORKER_JIT. */
  static String workerJit() {
    String jit = System.getenv("FLEETWRIGHT_WORKER_JIT");
    return jit == null || jit.isBlank() ? "tiered (the JVM's default)" : jit;
  }

  /**
   * Records the nodes restarted since the last sweep and returns how many are; a tick's fleet is
   * closed once all its nodes are, so that a long run does not keep one NATS connection and its
   * threads per tick (3,000 at 5 nodes/s for 10 minutes) until the end.
   */
  private static int sweep(List<Fleet> fleets, int started, int perTick, long[] restarted) {
    int done = 0;
    long now = System.nanoTime();
    for (int f = 0; f < started; f++) {
      List<FleetNode> nodes = fleets.get(f).nodes();
      int fleetDone = 0;
      for (int i = 0; i < nodes.size(); i++) {
        int slot = f * perTick + i;
        if (restarted[slot] == 0 && nodes.get(i).mode() == NodeMode.PROVISIONED) {
          restarted[slot] = now;
        }
        if (restarted[slot] != 0) {
          fleetDone++;
        }
      }
      if (fleetDone == nodes.size()) {
        fleets.get(f).close();
      }
      done += fleetDone;
    }
    return done;
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
