package io.fleetwright.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starves one process of CPU until closed, with what this machine allows:
 *
 * <ol>
 *   <li>a cgroup v1 {@code cpu} controller (as root): the process is moved into a child group with
 *       a CFS quota of {@link #QUOTA_PERCENT} % of one CPU, and moved back on close;
 *   <li>a cgroup v2 hierarchy with the {@code cpu} controller: the same with {@code cpu.max};
 *   <li>otherwise busy processes, {@link #BUSY_PER_CPU} per CPU, pinned with {@code taskset} to the
 *       CPUs the process may run on, so it gets about a fifth of each.
 * </ol>
 *
 * Threads the process starts while starved inherit its group, so nothing escapes the quota.
 */
final class CpuStarver implements AutoCloseable {
  static final int QUOTA_PERCENT = 5;
  static final int BUSY_PER_CPU = 4;
  private static final long PERIOD_US = 100_000;

  private final long pid;
  private final String how;
  private final Path group;
  private final Path parent;
  private final List<Process> busy;

  private CpuStarver(long pid, String how, Path group, Path parent, List<Process> busy) {
    this.pid = pid;
    this.how = how;
    this.group = group;
    this.parent = parent;
    this.busy = busy;
  }

  /** Starts starving {@code pid}; fails naming what was tried when nothing works. */
  static CpuStarver starve(long pid) {
    Path v1 = Path.of("/sys/fs/cgroup/cpu");
    if (Files.isWritable(v1.resolve("cgroup.procs"))
        && Files.exists(v1.resolve("cpu.cfs_quota_us"))) {
      Path group = v1.resolve("fleetwright-chaos-" + pid);
      mkdir(group);
      write(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
      write(group.resolve("cpu.cfs_quota_us"), Long.toString(PERIOD_US * QUOTA_PERCENT / 100));
      write(group.resolve("cgroup.procs"), Long.toString(pid));
      return new CpuStarver(
          pid, "a cgroup v1 CPU quota of " + QUOTA_PERCENT + "% of one CPU", group, v1, List.of());
    }
    for (Path v2 : List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified"))) {
      if (Files.isWritable(v2.resolve("cgroup.procs"))
          && read(v2.resolve("cgroup.controllers")).contains("cpu")) {
        Path group = v2.resolve("fleetwright-chaos-" + pid);
        try {
          write(v2.resolve("cgroup.subtree_control"), "+cpu");
          mkdir(group);
          write(group.resolve("cpu.max"), PERIOD_US * QUOTA_PERCENT / 100 + " " + PERIOD_US);
          write(group.resolve("cgroup.procs"), Long.toString(pid));
          return new CpuStarver(
              pid,
              "a cgroup v2 CPU quota of " + QUOTA_PERCENT + "% of one CPU",
              group,
              v2,
              List.of());
        } catch (UncheckedIOException e) {
          // A v2 tree that will not delegate cpu here; fall through to busy processes.
          rmdir(group);
        }
      }
    }
    String cpus = affinity(pid);
    int count = BUSY_PER_CPU * Math.max(1, cpuCount(cpus));
    List<Process> busy = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        busy.add(
            new ProcessBuilder("taskset", "-c", cpus, "sh", "-c", "while :; do :; done").start());
      } catch (IOException e) {
        busy.forEach(Process::destroyForcibly);
        throw new UncheckedIOException(
            "could not starve process "
                + pid
                + ": no writable cgroup cpu controller, and taskset could not start busy"
                + " processes; install util-linux or run as root",
            e);
      }
    }
    return new CpuStarver(
        pid, count + " busy processes pinned with taskset to CPUs " + cpus, null, null, busy);
  }

  /** How the process is starved, for the fault's description. */
  String how() {
    return how;
  }

  @Override
  public void close() {
    busy.forEach(Process::destroyForcibly);
    if (group != null) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        write(parent.resolve("cgroup.procs"), Long.toString(pid));
      }
      rmdir(group);
    }
  }

  private static String affinity(long pid) {
    try {
      Process p = new ProcessBuilder("taskset", "-cp", Long.toString(pid)).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      // "pid 1234's current affinity list: 0,1"
      return out.substring(out.lastIndexOf(':') + 1).trim();
    } catch (IOException | RuntimeException e) {
      return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the affinity of " + pid, e);
    }
  }

  /** Counts the CPUs of a list such as {@code 0-3,6}. */
  static int cpuCount(String list) {
    int count = 0;
    for (String part : list.split(",")) {
      String[] range = part.trim().split("-");
      count += range.length == 2 ? Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1 : 1;
    }
    return count;
  }

  private static void mkdir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the cgroup " + dir, e);
    }
  }

  private static void rmdir(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // An emptied cgroup goes away with the machine; nothing else depends on it.
    }
  }

  private static void write(Path file, String value) {
    try {
      Files.writeString(file, value);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write '" + value + "' to " + file, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
