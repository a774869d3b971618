package io.fleetwright.tools.bench;

import java.nio.file.Path;

/**
 * Where a benchmark runs: the servers, the folder for its files, the project home, and the command
 * that runs our provisioner in its own JVM (this build's bin/provisioner unless told otherwise).
 */
record BenchTarget(
    String natsUrl, String temporalTarget, Path dir, Path home, Path provisionerCommand) {

  /** The processes whose CPU a run costs besides the provisioner: servers and the emulator. */
  java.util.Map<String, Long> serverPids() {
    java.util.Map<String, Long> pids = new java.util.LinkedHashMap<>();
    pids.put("temporal", ProcCpu.pidOf(dir.resolve("temporal.db").toString()).orElse(-1));
    pids.put("nats", ProcCpu.pidOf(dir.resolve("nats").toString()).orElse(-1));
    pids.put("emulator", ProcessHandle.current().pid());
    return pids;
  }
}
