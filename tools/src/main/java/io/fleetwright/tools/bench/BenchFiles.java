package io.fleetwright.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files a benchmark run writes: the trivial helper in sh and in JavaScript (the same logic),
 * our provisioner's config, and the Go provisioner's config and client config.
 */
final class BenchFiles {
  static final String TOKEN = "bench-token";

  private static final String REPLY =
      "{\"defer\":false,\"msg\":\"bench\",\"configuration\":{"
          + "\"plugin.choria.server.provision\":\"false\",\"loglevel\":\"info\","
          + "\"plugin.choria.use_srv\":\"false\"}}";

  private BenchFiles() {}

  /** A POSIX sh helper: reads its input, answers with a fixed configuration. */
  static Path shHelper(Path dir) {
    Path file = dir.resolve("helper.sh");
    write(file, "#!/bin/sh\ncat > /dev/null\nprintf '%s\\n' '" + REPLY + "'\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not make " + file + " executable", e);
    }
    return file;
  }

  /** The same helper in JavaScript, run in-process by GraalJS. */
  static Path jsHelper(Path dir) {
    Path file = dir.resolve("helper.js");
    write(file, "function provision(host) {\n  return " + REPLY + ";\n}\n");
    return file;
  }

  /** Our provisioner's config for one run. */
  static Path ours(Path dir, BenchTarget target, Path helper, int workers, boolean pki) {
    Path file = dir.resolve("provisioner-" + helper.getFileName() + ".yaml");
    write(
        file,
        """
        helper: "%s"
        token: %s
        site: bench
        identity: fleetwright.bench
        interval: 1m
        loglevel: warn
        logfile: stdout
        workers: %d
        features:
          pki: %s
        temporal:
          target: "%s"
        nats:
          servers: ["%s"]
        ca:
          dir: "%s"
          common_name: Fleetwright Bench CA
        """
            .formatted(
                helper,
                TOKEN,
                workers,
                pki,
                target.temporalTarget(),
                target.natsUrl(),
                dir.resolve("ca").toAbsolutePath()));
    return file;
  }

  /** The Go provisioner v0.16.0's YAML config (WIRE.md §5.6). */
  static Path peer(Path dir, Path helper, int workers, boolean pki) {
    Path file = dir.resolve("go-provisioner.yaml");
    write(
        file,
        """
        workers: %d
        interval: 1m
        logfile: %s
        loglevel: warn
        helper: %s
        token: %s
        choria_insecure: true
        site: bench
        monitor_port: 0
        leader_election: false
        features:
          jwt: false
          pki: %s
          ed25519: false
        """
            .formatted(workers, dir.resolve("go-provisioner.log"), helper, TOKEN, pki));
    return file;
  }

  /** The Go provisioner's choria client config, naming our nats-server (WIRE.md §6.6). */
  static Path peerClient(Path dir, String natsUrl) {
    Path file = dir.resolve("go-client.conf");
    write(
        file,
        """
        identity = go-provisioner.bench.local
        plugin.choria.middleware_hosts = %s
        plugin.choria.use_srv = false
        plugin.security.provider = file
        loglevel = warn
        """
            .formatted(natsUrl));
    return file;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
