package io.fleetwright.tools.bench;

import io.fleetwright.app.cli.Logging;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner bench}: throughput, latency, memory, helper and orchestrator benchmarks on
 * this machine, one JSON line each on stdout; progress goes to stderr.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks, one JSON line each: throughput, latency, memory, helpers, orchestrator,"
            + " throughput_production (the real temporal-server on PostgreSQL).")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--only",
      paramLabel = "LIST",
      split = ",",
      description = "Run only these, e.g. throughput,latency (default all).")
  List<String> only = BenchSettings.ALL;

  @Option(names = "--nodes", description = "Throughput fleet size (default ${DEFAULT-VALUE}).")
  int nodes = 5000;

  @Option(
      names = "--workers",
      description = "Worker count of both provisioners (default ${DEFAULT-VALUE}).")
  int workers = 64;

  @Option(
      names = "--key-pool",
      paramLabel = "N",
      description =
          "RSA key pairs the emulator makes before the clock and reuses in gencsr;"
              + " 0 = a fresh key per node (default ${DEFAULT-VALUE}).")
  int keyPool = 64;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description =
          "Nodes each provisioner process provisions, unmeasured, before the throughput fleet"
              + " appears: JIT and connection warm-up for all three runs alike; 0 = measure a"
              + " cold start (default ${DEFAULT-VALUE}).")
  int warmup = 500;

  @Option(
      names = "--peer-provisioner",
      paramLabel = "PATH",
      description =
          "The Go Choria Provisioner v0.16.0 binary (default $FLEETWRIGHT_GO_PROVISIONER).")
  Path peer;

  @Option(
      names = "--provisioner-command",
      paramLabel = "PATH",
      description =
          "bin/provisioner of the build to measure, e.g. a copy of an older build to compare"
              + " (default this one's).")
  Path ours;

  @Option(
      names = "--latency-rate",
      paramLabel = "PER_SECOND",
      description = "Steady arrival rate of the latency bench (default ${DEFAULT-VALUE}).")
  int latencyRate = 20;

  @Option(
      names = "--latency-seconds",
      paramLabel = "SECONDS",
      description = "How long nodes arrive in the latency bench (default ${DEFAULT-VALUE}).")
  int latencySeconds = 30;

  @Option(
      names = "--memory-nodes",
      paramLabel = "LIST",
      split = ",",
      description =
          "Provisioned counts at which the memory bench reads the worker's RSS"
              + " (default ${DEFAULT-VALUE}).")
  List<Integer> memoryNodes = List.of(1000, 5000);

  @Option(
      names = "--helper-calls",
      paramLabel = "N",
      description =
          "Timed calls per in-process runtime (subprocess: a tenth; default ${DEFAULT-VALUE}).")
  int helperCalls = 3000;

  @Option(
      names = "--worker-heap-mb",
      paramLabel = "MB",
      description =
          "Heap limit (-Xmx) of the worker in the memory bench (default ${DEFAULT-VALUE}).")
  int workerHeapMb = 512;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Give up a provisioning run after this long, e.g. 30m (default 30m).")
  Duration timeout = Duration.ofMinutes(30);

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder for the servers' files and logs (default data/bench-<time>).")
  Path data;

  @Override
  public Integer call() throws Exception {
    BenchSettings settings = settings();
    Path home = Path.of(System.getenv().getOrDefault("FLEETWRIGHT_HOME", ".")).toAbsolutePath();
    Path dir = data != null ? data : home.resolve("data/bench-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    PrintStream err = System.err;
    Logging.apply("warn", "stderr");
    err.println("bench: files and logs in " + dir + "; load average " + loadAverage());
    List<BenchLine> lines = new ArrayList<>();
    if (settings.runs("helpers")) {
      emit(lines, HelperBench.run(home, settings.helperCalls()));
    }
    Path command = ours != null ? ours : home.resolve("bin/provisioner");
    java.util.Map<String, Object> devServerCpu = java.util.Map.of();
    try (BenchStack stack = BenchStack.start(dir)) {
      BenchTarget target = stack.target(dir, home, command);
      if (settings.runs("throughput")) {
        BenchLine throughput = new ThroughputBench(target, settings, err).run();
        emit(lines, throughput);
        devServerCpu = ThroughputBench.shCpu(throughput);
      }
      if (settings.runs("latency")) {
        emit(lines, new LatencyBench(target, settings, err).run());
      }
      if (settings.runs("memory")) {
        emit(lines, new MemoryBench(target, settings, err).run());
      }
      if (settings.runs("orchestrator")) {
        emit(lines, OrchestratorBench.run(target, err));
      }
    }
    if (settings.runs("throughput_production")) {
      // After the dev server has stopped, so that neither server's idle work lands on the other.
      Path prodDir = dir.resolve("production");
      Files.createDirectories(prodDir);
      try (BenchStack stack = BenchStack.production(prodDir)) {
        BenchTarget target = stack.target(prodDir, home, command);
        emit(lines, new ThroughputBench(target, settings, err).runProduction(devServerCpu));
      }
    }
    return 0;
  }

  /** Validates the options; a bad one is a usage error naming the option. */
  BenchSettings settings() {
    Optional<Path> peerBinary =
        Optional.ofNullable(peer)
            .or(
                () ->
                    Optional.ofNullable(System.getenv("FLEETWRIGHT_GO_PROVISIONER"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of));
    if (ours != null && !(Files.isRegularFile(ours) && Files.isExecutable(ours))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--provisioner-command: "
              + ours
              + " is not an executable file; give a build's bin/provisioner");
    }
    try {
      return new BenchSettings(
          new LinkedHashSet<>(only),
          nodes,
          workers,
          keyPool,
          warmup,
          peerBinary,
          latencyRate,
          latencySeconds,
          memoryNodes,
          helperCalls,
          workerHeapMb,
          timeout);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void emit(List<BenchLine> lines, BenchLine line) {
    lines.add(line);
    System.out.println(line.json());
    System.out.flush();
  }

  /** The 1, 5 and 15 minute load averages, recorded with every figure on a shared machine. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(parts, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
