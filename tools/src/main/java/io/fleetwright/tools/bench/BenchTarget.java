package io.fleetwright.tools.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a benchmark runs: the servers, the folder for its files, the project home, the command that
 * runs our provisioner in its own JVM (this build's bin/provisioner unless told otherwise), and the
 * server processes whose CPU a run costs, by name.
 */
record BenchTarget(
    String natsUrl,
    String temporalTarget,
    Path dir,
    Path home,
    Path provisionerCommand,
    Map<String, ProcCpu.Source> servers) {

  BenchTarget {
    servers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servers));
  }

  /** The processes whose CPU a run costs besides the provisioner: servers and the emulator. */
  Map<String, ProcCpu.Source> serverPids() {
    Map<String, ProcCpu.Source> pids = new LinkedHashMap<>(servers);
    pids.put("emulator", ProcCpu.Source.process(ProcessHandle.current().pid()));
    return pids;
  }
}
