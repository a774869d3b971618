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

  ThroughputBench(BenchTarget target, BenchSettings settings, PrintStream log) {
    this.target = target;
    this.settings = settings;
    this.log = log;
  }

  BenchLine run() throws InterruptedException {
    Path sh = BenchFiles.shHelper(target.dir());
    Path js = BenchFiles.jsHelper(target.dir());
    OursRun oursSh = ours("sh", sh);
    OursRun oursJs = ours("js", js);
    Map<String, Object> peer = peer(sh);
    BenchLine line =
        shFigures(BenchLine.of("throughput", oursSh.provisioned(), oursSh.seconds()), oursSh)
            .with("js_nodes", oursJs.provisioned())
            .with("js_seconds", oursJs.seconds())
            .with("js_nodes_per_min", rate(oursJs.result()))
            .with("js_worker_rss_mb", oursJs.rssMb())
            .with("js_cpu_ms_per_node", oursJs.cpu())
            .with("js_warmup", oursJs.warmup());
    for (Map.Entry<String, Object> e : oursJs.history().entrySet()) {
      line = line.with("js_" + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e : peer.entrySet()) {
      line = line.with(e.getKey(), e.getValue());
    }
    if (peer.get("peer_nodes_per_min") instanceof Double go) {
      line =
          line.with("ratio_sh_to_peer", ratio(rate(oursSh.result()), go))
              .with("ratio_js_to_peer", ratio(rate(oursJs.result()), go));
    }
    return line.with("load_average", BenchCommand.loadAverage());
  }

  /**
   * The production-shaped line: the same fleet and sh helper as {@link #run()}, against whatever
   * server {@code target} names (the real temporal-server on PostgreSQL); {@code devServerCpu} is
   * the dev server line's {@code cpu_ms_per_node} from the same bench run (see {@link
   * #shCpu(BenchLine)}), or empty.
   */
  BenchLine runProduction(Map<String, Object> devServerCpu) throws InterruptedException {
    OursRun run = ours("sh", BenchFiles.shHelper(target.dir()));
    BenchLine line =
        shFigures(
            BenchLine.of("throughput_production", run.provisioned(), run.seconds())
                .with("server", "temporal-server on PostgreSQL"),
            run);
    if (!devServerCpu.isEmpty()) {
      line = line.with("dev_server_cpu_ms_per_node", devServerCpu);
      if (serverMs(devServerCpu) > 0) {
        line = line.with("server_cpu_ratio_to_dev", serverMs(run.cpu()) / serverMs(devServerCpu));
      }
    }
    return line.with("load_average", BenchCommand.loadAverage());
  }

  /** CPU per node of the sh run on a {@link #run()} line, for the production line's comparison. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> shCpu(BenchLine throughput) {
    return throughput.figures().get("cpu_ms_per_node") instanceof Map<?, ?> cpu
        ? (Map<String, Object>) cpu
        : Map.of();
  }

  /**
   * The settings and sh-run figures that the {@code throughput} and {@code throughput_production}
   * lines share, in the order both print them.
   */
  private BenchLine shFigures(BenchLine line, OursRun sh) {
    line =
        line.with("helper", "sh subprocess")
            .with("fleet_nodes", settings.nodes())
            .with("workers", settings.workers())
            .with("pki", true)
            .with("counted", "runs Temporal recorded completed PROVISIONED")
            .with("node_keys", settings.keyPool() == 0 ? "fresh" : "pool")
            .with("key_pool", settings.keyPool())
            .with("warmup_nodes", settings.warmup())
            .with("warmup", sh.warmup())
            .with("worker_rss_mb", sh.rssMb())
            .with("cpu_ms_per_node", sh.cpu());
    for (Map.Entry<String, Object> e : sh.history().entrySet()) {
      line = line.with(e.getKey(), e.getValue());
    }
    return line;
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

  private OursRun ours(String helperName, Path helper) throws InterruptedException {
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
      Map<String, Object> warmup = warmUp(label, "tp-" + helperName, true);
      try (Fleet fleet = fleet("tp-" + helperName, settings.nodes());
          RecordedRuns recorded = RecordedRuns.since(target.temporalTarget())) {
        ProcCpu.Watch cpu = ProcCpu.watch(pids("provisioner", worker.pid()));
        FleetRun.Result result =
            FleetRun.run(fleet, settings.timeout(), log, label, ok -> {}, recorded::provisioned);
        OursRun run =
            new OursRun(
                result,
                warmup,
                worker.rssBytes(),
                cpu.msPerNode(result.provisioned()),
                HistoryEvents.of(target.temporalTarget(), fleet));
        report(label, result);
        return run;
      }
    }
  }

  /**
   * Provisions a separate fleet of {@code --warmup} nodes with the process already running, so the
   * measured fleet meets warm JIT-compiled code in the provisioner and in the emulator alike; its
   * rate is returned as the cold-start figure (empty when {@code --warmup} is 0). Its node names
   * are the measured fleet's {@code prefix} plus {@code w}.
   */
  private Map<String, Object> warmUp(String label, String prefix, boolean durable)
      throws InterruptedException {
    if (settings.warmup() == 0) {
      return Map.of();
    }
    try (Fleet fleet = fleet(prefix + "w", settings.warmup());
        RecordedRuns recorded = durable ? RecordedRuns.since(target.temporalTarget()) : null) {
      FleetRun.Result warm =
          FleetRun.run(
              fleet,
              settings.timeout(),
              log,
              label + " warm-up",
              ok -> {},
              recorded == null ? null : recorded::provisioned);
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
      return Map.of("nodes", warm.nodes(), "seconds", warm.seconds(), "nodes_per_min", rate(warm));
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
            Duration.ofSeconds(60))) {
      Map<String, Object> warmup = warmUp(label, "tp-go", false);
      try (Fleet fleet = fleet("tp-go", settings.nodes())) {
        ProcCpu.Watch cpu = ProcCpu.watch(pids("provisioner", go.pid()));
        FleetRun.Result result = FleetRun.run(fleet, settings.timeout(), log, label, ok -> {});
        figures.put("peer_warmup", warmup);
        figures.put("peer", binary.toString());
        figures.put("peer_counted", "restarts the emulator saw (no durable record)");
        figures.put("peer_cpu_ms_per_node", cpu.msPerNode(result.provisioned()));
        figures.put("peer_rss_mb", go.rssBytes() / 1048576.0);
        report(label, result);
        figures.put("peer_nodes", result.provisioned());
        figures.put("peer_seconds", result.seconds());
        figures.put("peer_nodes_per_min", rate(result));
      }
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

  /** One run of our provisioner: its fleet result and the figures measured around it. */
  private record OursRun(
      FleetRun.Result result,
      Map<String, Object> warmup,
      long rssBytes,
      Map<String, Object> cpu,
      Map<String, Object> history) {
    int provisioned() {
      return result.provisioned();
    }

    double seconds() {
      return result.seconds();
    }

    double rssMb() {
      return rssBytes / 1048576.0;
    }
  }
}
