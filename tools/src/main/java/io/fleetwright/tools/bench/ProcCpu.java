package io.fleetwright.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time of processes from Linux /proc. On a shared machine wall-clock rates swing with the other
 * users' load; CPU seconds per node of each process barely do, so benchmarks report both.
 */
final class ProcCpu {
  /** USER_HZ; 100 on every Linux architecture Java runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcCpu() {}

  /** Returns the user + system CPU seconds of {@code pid} so far, or -1 if it cannot be read. */
  static double seconds(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name in parentheses may hold spaces; the fields after it are fixed.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Returns the CPU seconds this JVM used so far. */
  static double self() {
    return seconds(ProcessHandle.current().pid());
  }

  /** Returns the pid of the first process whose command line contains {@code text}. */
  static OptionalLong pidOf(String text) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> cmdline(p).contains(text))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
          .filter(pid -> pid != ProcessHandle.current().pid())
          .findFirst();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** CPU seconds of a few named processes between {@link #watch} and {@link #msPerNode}. */
  static final class Watch {
    private final Map<String, Long> pids;
    private final Map<String, Double> start = new LinkedHashMap<>();

    private Watch(Map<String, Long> pids) {
      this.pids = pids;
      pids.forEach((name, pid) -> start.put(name, seconds(pid)));
    }

    /** Returns each process's CPU milliseconds per node since the watch began, and the total. */
    Map<String, Object> msPerNode(int nodes) {
      Map<String, Object> out = new LinkedHashMap<>();
      double total = 0;
      for (Map.Entry<String, Long> e : pids.entrySet()) {
        double used = seconds(e.getValue()) - start.get(e.getKey());
        total += used;
        out.put(e.getKey(), BenchLine.round(used * 1000 / Math.max(1, nodes)));
      }
      out.put("total", BenchLine.round(total * 1000 / Math.max(1, nodes)));
      return out;
    }
  }

  /** Starts watching the processes, name to pid; unknown pids count as zero. */
  static Watch watch(Map<String, Long> pids) {
    return new Watch(new LinkedHashMap<>(pids));
  }
}
