package io.fleetwright.app;

import java.nio.file.Path;

/** Where a benchmark runs: the servers, the folder for its files, and the project home. */
record BenchTarget(String natsUrl, String temporalTarget, Path dir, Path home) {
  /** The packaged command that runs our provisioner in its own JVM. */
  Path provisionerCommand() {
    return home.resolve("bin/provisioner");
  }
}
