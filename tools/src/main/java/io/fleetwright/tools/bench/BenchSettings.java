package io.fleetwright.tools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code provisioner bench} was asked to run, validated; every message names the option. */
record BenchSettings(
    Set<String> only,
    int nodes,
    int workers,
    int keyPool,
    int warmup,
    Optional<Path> peer,
    int latencyRate,
    int latencySeconds,
    List<Integer> memoryNodes,
    int helperCalls,
    int workerHeapMb,
    Duration timeout) {
  /** The benchmarks, in the order they run. */
  static final List<String> ALL =
      List.of(
          "throughput", "latency", "memory", "helpers", "orchestrator", "throughput_production");

  BenchSettings {
    only = Set.copyOf(only);
    memoryNodes = List.copyOf(memoryNodes);
    for (String name : only) {
      check(
          ALL.contains(name),
          "--only: unknown benchmark '" + name + "'; choose from " + String.join(",", ALL));
    }
    check(!only.isEmpty(), "--only: name at least one of " + String.join(",", ALL));
    check(nodes >= 1 && nodes <= 1_000_000, "--nodes must be between 1 and 1000000, got " + nodes);
    check(
        workers >= 1 && workers <= 10_000, "--workers must be between 1 and 10000, got " + workers);
    check(
        keyPool >= 0 && keyPool <= 10_000,
        "--key-pool must be between 0 (a fresh RSA key per node) and 10000, got " + keyPool);
    check(
        warmup >= 0 && warmup <= 1_000_000,
        "--warmup must be between 0 (a cold start) and 1000000 nodes, got " + warmup);
    check(
        latencyRate >= 1 && latencyRate <= 10_000,
        "--latency-rate must be between 1 and 10000 nodes per second, got " + latencyRate);
    check(
        latencySeconds >= 1 && latencySeconds <= 3600,
        "--latency-seconds must be between 1 and 3600, got " + latencySeconds);
    check(!memoryNodes.isEmpty(), "--memory-nodes: give at least one count, e.g. 1000,10000");
    for (int i = 0; i < memoryNodes.size(); i++) {
      int n = memoryNodes.get(i);
      check(
          n >= 1 && n <= 1_000_000,
          "--memory-nodes: every count must be between 1 and 1000000, got " + n);
      check(
          i == 0 || n > memoryNodes.get(i - 1),
          "--memory-nodes: counts must grow, e.g. 1000,10000,50000, got " + memoryNodes);
    }
    check(
        workerHeapMb >= 128 && workerHeapMb <= 65536,
        "--worker-heap-mb must be between 128 and 65536, got " + workerHeapMb);
    check(helperCalls >= 10, "--helper-calls must be at least 10, got " + helperCalls);
    check(
        timeout.toSeconds() >= 10,
        "--timeout must be at least 10 seconds, got " + timeout.toSeconds());
  }

  boolean runs(String name) {
    return only.contains(name);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
