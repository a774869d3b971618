package io.fleetwright.it;

import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.devstack.TemporalServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack docker-compose.yml describes, with processes: the real Temporal server (4 history
 * shards) on PostgreSQL with the schema set up by Temporal's SQL tool and the compose file's
 * dynamic config, the real worker process, 1,000 emulated nodes. The server is restarted mid-run;
 * every node ends PROVISIONED, configured once, in the fleet and in visibility.
 */
class ProductionStackIT {
  private static final int NODES = 1000;

  @Test
  void aThousandNodesOnTheRealServerSurviveAServerRestartWithNoneLost(@TempDir Path dir) {
    long begin = System.nanoTime();
    try (ChaosStack stack =
            ChaosStack.builder("ProductionStackIT")
                .nodes(NODES)
                .seed(41)
                .productionTemporal()
                .start(dir);
        Progress progress = Progress.start(stack.fleet(), stack.operator())) {
      TemporalServer temporal = stack.temporalServer();
      try {
        long fleetStart = System.nanoTime();
        double cpuFirst = cpuSeconds(temporal.pid());
        double postgresCpu = postgresSeconds(temporal.postgres().pid());
        stack.awaitProvisioned(NODES * 2 / 5, Duration.ofMinutes(8));
        Set<String> affected = pending(stack.fleet());
        cpuFirst = cpuSeconds(temporal.pid()) - cpuFirst;
        Instant restarted = Instant.now();
        progress.mark("server restart begins");
        temporal.restart();
        progress.mark("server restarted");
        Duration restart = Duration.between(restarted, Instant.now());
        stack.awaitProvisioned(NODES, Duration.ofMinutes(10));
        Duration recovery = Duration.between(restarted, Instant.now());
        Duration run = Duration.ofNanos(System.nanoTime() - fleetStart);
        // The second process's own start-up counts: it is part of what the restart costs.
        double cpu = cpuFirst + cpuSeconds(temporal.pid());
        postgresCpu = postgresSeconds(temporal.postgres().pid()) - postgresCpu;
        ChaosCounts counts =
            stack.record(
                "Temporal server on PostgreSQL restarted mid-run", 1, affected.size(), recovery);
        stack.assertNothingLost(counts);
        report(
            temporal,
            restart,
            run,
            new double[] {cpu, postgresCpu},
            Duration.ofNanos(System.nanoTime() - begin));
      } finally {
        keep(temporal.log(), ChaosResults.log("ProductionStackIT-temporal-server"));
      }
    }
  }

  /** Keeps the server's log beside the worker's, after the temporary folder is gone. */
  private static void keep(Path log, Path copy) {
    try {
      Files.createDirectories(copy.getParent());
      Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      System.out.println("production-stack: could not keep " + log + ": " + e);
    }
  }

  /**
   * Every 2 s, one line with the fleet's provisioned count and the workflows by state, in
   * target/chaos/ProductionStackIT-progress.log: where nodes wait after the restart.
   */
  private static final class Progress implements AutoCloseable {
    private final Path file = ChaosResults.log("ProductionStackIT-progress");
    private final long start = System.nanoTime();
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    static Progress start(Fleet fleet, FleetOperator operator) {
      Progress p = new Progress();
      p.write("", false);
      p.timer.scheduleAtFixedRate(
          () -> p.sample(fleet, operator), 0, 2, java.util.concurrent.TimeUnit.SECONDS);
      return p;
    }

    private void sample(Fleet fleet, FleetOperator operator) {
      String states;
      try {
        states = operator.countsByState().toString();
      } catch (RuntimeException e) {
        states = "(visibility: " + e.getMessage() + ")";
      }
      mark("provisioned " + fleet.count(NodeMode.PROVISIONED) + " " + states);
    }

    void mark(String what) {
      write(
          String.format(Locale.ROOT, "%6.1fs %s%n", (System.nanoTime() - start) / 1e9, what), true);
    }

    private synchronized void write(String text, boolean append) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            text,
            java.nio.file.StandardOpenOption.CREATE,
            append
                ? java.nio.file.StandardOpenOption.APPEND
                : java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        // The progress file only helps a human reading it.
      }
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  private static Set<String> pending(Fleet fleet) {
    return fleet.nodes().stream()
        .filter(n -> n.mode() != NodeMode.PROVISIONED)
        .map(FleetNode::identity)
        .collect(Collectors.toSet());
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * CPU seconds of PostgreSQL so far: the postmaster, its live backends, and the backends that have
   * exited (the postmaster's cutime and cstime, /proc/PID/stat fields 16 and 17).
   */
  private static double postgresSeconds(long postmaster) {
    double live =
        ProcessHandle.of(postmaster)
            .map(h -> h.children().mapToDouble(c -> cpuSeconds(c.pid())).sum())
            .orElse(0.0);
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(postmaster), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double reaped = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
      return cpuSeconds(postmaster) + reaped + live;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** One JSON line on stdout and in target/production-stack.jsonl, for the docs. */
  private static void report(
      TemporalServer temporal, Duration restart, Duration run, double[] cpus, Duration total) {
    double cpu = cpus[0];
    TemporalServer.Startup s = temporal.startup();
    String line =
        String.format(
            Locale.ROOT,
            "{\"nodes\":%d,\"shards\":%d,\"startup_s\":%.2f,\"postgres_s\":%.2f,\"schema_s\":%.2f,"
                + "\"server_s\":%.2f,\"namespace_s\":%.2f,\"restart_s\":%.2f,\"run_s\":%.1f,"
                + "\"server_cpu_s\":%.1f,\"server_cpu_ms_per_node\":%.1f,"
                + "\"postgres_cpu_ms_per_node\":%.1f,\"load_average\":\"%s\",\"test_s\":%.1f}",
            NODES,
            temporal.options().historyShards(),
            s.total().toMillis() / 1000.0,
            s.postgres().toMillis() / 1000.0,
            s.schema().toMillis() / 1000.0,
            s.server().toMillis() / 1000.0,
            s.namespace().toMillis() / 1000.0,
            restart.toMillis() / 1000.0,
            run.toMillis() / 1000.0,
            cpu,
            cpu * 1000 / NODES,
            cpus[1] * 1000 / NODES,
            loadAverage(),
            total.toMillis() / 1000.0);
    System.out.println("production-stack: " + line);
    try {
      Files.writeString(
          Path.of("target", "production-stack.jsonl"),
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("production-stack: could not write target/production-stack.jsonl: " + e);
    }
  }

  /** User plus system CPU seconds of a live process, from /proc/PID/stat; 0 when it is gone. */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
