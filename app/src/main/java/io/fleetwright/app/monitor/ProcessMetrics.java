package io.fleetwright.app.monitor;

import io.fleetwright.app.monitor.TextExposition.Type;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The standard Prometheus process metrics, under the names every Prometheus client uses (and the Go
 * provisioner exposes): CPU seconds, start time, open and maximum file descriptors, resident and
 * virtual memory. Memory comes from {@code /proc/self/status}, so it is left out where there is
 * none.
 */
final class ProcessMetrics {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMetrics() {}

  static String text() {
    TextExposition out = new TextExposition();
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      one(
          out,
          "process_cpu_seconds_total",
          Type.COUNTER,
          "user and system CPU time spent in seconds",
          sun.getProcessCpuTime() / 1e9);
    }
    one(
        out,
        "process_start_time_seconds",
        Type.GAUGE,
        "start time of the process since the Unix epoch in seconds",
        ManagementFactory.getRuntimeMXBean().getStartTime() / 1e3);
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      one(
          out,
          "process_open_fds",
          Type.GAUGE,
          "number of open file descriptors",
          unix.getOpenFileDescriptorCount());
      one(
          out,
          "process_max_fds",
          Type.GAUGE,
          "maximum number of open file descriptors",
          unix.getMaxFileDescriptorCount());
    }
    String status = status();
    kilobytes(status, "VmRSS")
        .ifPresent(
            v ->
                one(
                    out,
                    "process_resident_memory_bytes",
                    Type.GAUGE,
                    "resident memory size in bytes",
                    v));
    kilobytes(status, "VmSize")
        .ifPresent(
            v ->
                one(
                    out,
                    "process_virtual_memory_bytes",
                    Type.GAUGE,
                    "virtual memory size in bytes",
                    v));
    return out.text();
  }

  private static void one(TextExposition out, String name, Type type, String help, double value) {
    out.family(name, type, help).sample(name, Map.of(), value);
  }

  private static String status() {
    try {
      return Files.isReadable(STATUS) ? Files.readString(STATUS) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** A {@code Key: 1234 kB} line of {@code /proc/self/status}, in bytes. */
  static OptionalDouble kilobytes(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key + ":")) {
        String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
        try {
          return OptionalDouble.of(Double.parseDouble(parts[0]) * 1024);
        } catch (NumberFormatException e) {
          return OptionalDouble.empty();
        }
      }
    }
    return OptionalDouble.empty();
  }
}
