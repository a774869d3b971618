package io.fleetwright.tools.bench;

import io.fleetwright.fleet.Fleet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark 1: N nodes appear at once; nodes/min until all are provisioned, PKI on. Ours runs the
 * trivial helper as a shell subprocess and as in-process JavaScript; the Go provisioner, when a
 * binary is given, runs the shell helper on the same kind of fleet with the same worker count.
 */
final class ThroughputBench {
  private final BenchTarget target;
  private final BenchSettings settings;
  private final PrintStream log;
  private long lastRss = -1;
  private Map<String, Object> lastCpu = Map.of();
  private Map<String, Object> lastWarmup = Map.of();
  private Object lastEvents = "unavailable";
  private Map<String, Object> shRunCpu = Map.of();

  ThroughputBench(BenchTarget target, BenchSettings settings, PrintStream log) {
    this.target = target;
    this.settings = settings;
    this.log = log;
  }

  BenchLine run() throws InterruptedException {
    Path sh = BenchFiles.shHelper(target.dir());
    Path js = BenchFiles.jsHelper(target.dir());
    FleetRun.Result oursSh = ours("sh", sh);
    long shRss = lastRss;
    Map<String, Object> shCpu = lastCpu;
    shRunCpu = shCpu;
    Map<String, Object> shWarmup = lastWarmup;
    Object shEvents = lastEvents;
    FleetRun.Result oursJs = ours("js", js);
    Map<String, Object> jsWarmup = lastWarmup;
    Map<String, Object> peer = peer(sh);
    BenchLine line =
        BenchLine.of("throughput", oursSh.provisioned(), oursSh.seconds())
            .with("helper", "sh subprocess")
            .with("fleet_nodes", settings.nodes())
            .with("workers", settings.workers())
            .with("pki", true)
            .with("node_keys", settings.keyPool() == 0 ? "fresh" : "pool")
            .with("key_pool", settings.keyPool())
            .with("warmup_nodes", settings.warmup())
            .with("warmup", shWarmup)
            .with("worker_rss_mb", shRss / 1048576.0)
            .with("cpu_ms_per_node", shCpu)
            .with("events_per_node", shEvents)
            .with("js_nodes", oursJs.provisioned())
            .with("js_seconds", oursJs.seconds())
            .with("js_nodes_per_min", rate(oursJs))
            .with("js_worker_rss_mb", lastRss / 1048576.0)
            .with("js_cpu_ms_per_node", lastCpu)
            .with("js_warmup", jsWarmup);
    for (Map.Entry<String, Object> e : peer.entrySet()) {
      line = line.with(e.getKey(), e.getValue());
    }
    if (peer.get("peer_nodes_per_min") instanceof Double go) {
      line =
          line.with("ratio_sh_to_peer", ratio(rate(oursSh), go))
              .with("ratio_js_to_peer", ratio(rate(oursJs), go));
    }
    return line.with("load_average", BenchCommand.loadAverage());
  }

  /**
   * The production-shaped line: the same fleet and sh helper as {@link #run()}, against whatever
   * server {@code target} names (the real temporal-server on PostgreSQL); {@code devServerCpu} is
   * the dev server line's {@code cpu_ms_per_node} from the same bench run, or empty.
   */
  BenchLine runProduction(Map<String, Object> devServerCpu) throws InterruptedException {
    FleetRun.Result result = ours("sh", BenchFiles.shHelper(target.dir()));
    BenchLine line =
        BenchLine.of("throughput_production", result.provisioned(), result.seconds())
            .with("server", "temporal-server on PostgreSQL")
            .with("helper", "sh subprocess")
            .with("fleet_nodes", settings.nodes())
            .with("workers", settings.workers())
            .with("pki", true)
            .with("node_keys", settings.keyPool() == 0 ? "fresh" : "pool")
            .with("key_pool", settings.keyPool())
            .with("warmup_nodes", settings.warmup())
            .with("warmup", lastWarmup)
            .with("worker_rss_mb", lastRss / 1048576.0)
            .with("cpu_ms_per_node", lastCpu)
            .with("events_per_node", lastEvents);
    if (!devServerCpu.isEmpty()) {
      line = line.with("dev_server_cpu_ms_per_node", devServerCpu);
      if (serverMs(devServerCpu) > 0) {
        line = line.with("server_cpu_ratio_to_dev", serverMs(lastCpu) / serverMs(devServerCpu));
      }
    }
    return line.with("load_average", BenchCommand.loadAverage());
  }

  /** CPU per node of the sh run in {@link #run()}, for the production line's comparison. */
  Map<String, Object> lastShCpu() {
    return shRunCpu;
  }

  /** Temporal's CPU per node: the server, plus PostgreSQL where it has one. */
  static double serverMs(Map<String, Object> cpu) {
    double ms = 0;
    for (String key : List.of("temporal", "postgresql")) {
      if (cpu.get(key) instanceof Number n) {
        ms += n.doubleValue();
      }
    }
    return ms;
  }

  private FleetRun.Result ours(String helperName, Path helper) throws InterruptedException {
    Path config = BenchFiles.ours(target.dir(), target, helper, settings.workers(), true);
    List<String> command =
        List.of(target.provisionerCommand().toString(), "run", "--config", config.toString());
    String label = "ours (" + helperName + " helper)";
    try (BenchProcess worker =
        BenchProcess.start(
            label,
            command,
            target.dir().resolve("ours-" + helperName + ".log"),
            target.natsUrl(),
            Duration.ofSeconds(120))) {
      try (Fleet fleet = warmedFleet(label, "tp-" + helperName)) {
        ProcCpu.Watch cpu = ProcCpu.watch(pids("provisioner", worker.pid()));
        FleetRun.Result result = FleetRun.run(fleet, settings.timeout(), log, label, ok -> {});
        lastRss = worker.rssBytes();
        lastCpu = cpu.msPerNode(result.provisioned());
        lastEvents = HistoryEvents.perNode(target.temporalTarget(), fleet);
        report(label, result);
        return result;
      }
    }
  }

  /**
   * Provisions a separate fleet of {@code --warmup} nodes with the process already running, so the
   * measured fleet meets warm JIT-compiled code in the provisioner and in the emulator alike; its
   * rate is kept as the cold-start figure.
   */
  private void warmUp(String label, String prefix) throws InterruptedException {
    lastWarmup = Map.of();
    if (settings.warmup() == 0) {
      return;
    }
    try (Fleet fleet = fleet(prefix, settings.warmup())) {
      FleetRun.Result warm =
          FleetRun.run(fleet, settings.timeout(), log, label + " warm-up", ok -> {});
      report(label + " warm-up", warm);
      if (warm.provisioned() < warm.nodes()) {
        throw new IllegalStateException(
            "%s provisioned only %d of %d warm-up nodes in %d s; see its log in %s"
                .formatted(
                    label,
                    warm.provisioned(),
                    warm.nodes(),
                    settings.timeout().toSeconds(),
                    target.dir()));
      }
      lastWarmup =
          Map.of("nodes", warm.nodes(), "seconds", warm.seconds(), "nodes_per_min", rate(warm));
    }
  }

  private Map<String, Object> peer(Path sh) throws InterruptedException {
    Map<String, Object> figures = new LinkedHashMap<>();
    Optional<String> missing = peerMissing();
    if (missing.isPresent()) {
      figures.put("peer", "unavailable: " + missing.get());
      return figures;
    }
    Path binary = settings.peer().orElseThrow();
    List<String> command =
        List.of(
            binary.toString(),
            "run",
            "--config",
            BenchFiles.peer(target.dir(), sh, settings.workers(), true).toString(),
            "--choria-config",
            BenchFiles.peerClient(target.dir(), target.natsUrl()).toString());
    String label = "Go provisioner (sh helper)";
    try (BenchProcess go =
            BenchProcess.start(
                label,
                command,
                target.dir().resolve("go-provisioner.out"),
                target.natsUrl(),
                Duration.ofSeconds(60));
        Fleet fleet = warmedFleet(label, "tp-go")) {
      ProcCpu.Watch cpu = ProcCpu.watch(pids("provisioner", go.pid()));
      FleetRun.Result result = FleetRun.run(fleet, settings.timeout(), log, label, ok -> {});
      figures.put("peer_warmup", lastWarmup);
      figures.put("peer", binary.toString());
      figures.put("peer_cpu_ms_per_node", cpu.msPerNode(result.provisioned()));
      figures.put("peer_rss_mb", go.rssBytes() / 1048576.0);
      report(label, result);
      figures.put("peer_nodes", result.provisioned());
      figures.put("peer_seconds", result.seconds());
      figures.put("peer_nodes_per_min", rate(result));
    } catch (RuntimeException e) {
      figures.put("peer", "unavailable: " + e.getMessage());
    }
    return figures;
  }

  private Optional<String> peerMissing() {
    if (settings.peer().isEmpty()) {
      return Optional.of(
          "no Go provisioner binary given (--peer-provisioner PATH or FLEETWRIGHT_GO_PROVISIONER)");
    }
    Path binary = settings.peer().get();
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      return Optional.of(binary + " is not an executable file");
    }
    return Optional.empty();
  }

  private Map<String, ProcCpu.Source> pids(String name, long pid) {
    Map<String, ProcCpu.Source> pids = new LinkedHashMap<>();
    pids.put(name, ProcCpu.Source.process(pid));
    pids.putAll(target.serverPids());
    return pids;
  }

  private Fleet warmedFleet(String label, String prefix) throws InterruptedException {
    warmUp(label, prefix + "w");
    return fleet(prefix, settings.nodes());
  }

  private Fleet fleet(String prefix, int nodes) {
    return FleetRun.build(target, nodes, prefix + "-%06d.bench.local", settings.keyPool(), 42);
  }

  private void report(String label, FleetRun.Result r) {
    log.printf(
        "bench: throughput %s: %d/%d nodes in %.1f s = %.0f nodes/min (load %s)%n",
        label, r.provisioned(), r.nodes(), r.seconds(), rate(r), BenchCommand.loadAverage());
  }

  static double rate(FleetRun.Result r) {
    return r.seconds() > 0 ? r.provisioned() * 60.0 / r.seconds() : 0;
  }

  private static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.NaN;
  }
}
