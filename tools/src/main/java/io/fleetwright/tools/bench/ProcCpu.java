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

  /**
   * What to measure: one process, or with {@code tree} a process with its children (PostgreSQL
   * serves each connection from its own child process).
   */
  record Source(long pid, boolean tree) {
    static Source process(long pid) {
      return new Source(pid, false);
    }

    static Source tree(long pid) {
      return new Source(pid, true);
    }

    double seconds() {
      return tree ? treeSeconds(pid) : ProcCpu.seconds(pid);
    }
  }

  /** Returns the user + system CPU seconds of {@code pid} so far, or -1 if it cannot be read. */
  static double seconds(long pid) {
    long[] f = stat(pid);
    return f.length == 0 ? (pid <= 0 ? 0 : -1) : (f[0] + f[1]) / TICKS_PER_SECOND;
  }

  /**
   * Returns the CPU seconds of {@code pid} and its children so far: its own, those of the children
   * it has waited for (cutime, cstime), and those of its live children; -1 if it cannot be read.
   */
  static double treeSeconds(long pid) {
    long[] own = stat(pid);
    if (own.length == 0) {
      return pid <= 0 ? 0 : -1;
    }
    long ticks = own[0] + own[1] + own[2] + own[3];
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        long[] child = stat(Long.parseLong(p.getFileName().toString()));
        if (child.length > 0 && child[4] == pid) {
          ticks += child[0] + child[1] + child[2] + child[3];
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** utime, stime, cutime, cstime and ppid of {@code pid}; empty if it cannot be read. */
  private static long[] stat(long pid) {
    if (pid <= 0) {
      return new long[0];
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name in parentheses may hold spaces; the fields after it are fixed.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(f[11]),
        Long.parseLong(f[12]),
        Long.parseLong(f[13]),
        Long.parseLong(f[14]),
        Long.parseLong(f[1])
      };
    } catch (IOException | RuntimeException e) {
      return new long[0];
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
    private final Map<String, Source> pids;
    private final Map<String, Double> start = new LinkedHashMap<>();

    private Watch(Map<String, Source> pids) {
      this.pids = pids;
      pids.forEach((name, source) -> start.put(name, source.seconds()));
    }

    /** Returns each process's CPU milliseconds per node since the watch began, and the total. */
    Map<String, Object> msPerNode(int nodes) {
      Map<String, Object> out = new LinkedHashMap<>();
      double total = 0;
      for (Map.Entry<String, Source> e : pids.entrySet()) {
        double used = e.getValue().seconds() - start.get(e.getKey());
        total += used;
        out.put(e.getKey(), BenchLine.round(used * 1000 / Math.max(1, nodes)));
      }
      out.put("total", BenchLine.round(total * 1000 / Math.max(1, nodes)));
      return out;
    }
  }

  /** Starts watching the processes, name to source; unknown pids count as zero. */
  static Watch watch(Map<String, Source> pids) {
    return new Watch(new LinkedHashMap<>(pids));
  }
}
