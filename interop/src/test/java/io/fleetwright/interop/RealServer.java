package io.fleetwright.interop;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real go-choria server process with its own identity: it runs in a new UTS namespace whose
 * hostname is the identity, since a provisioning-mode server takes its identity from the hostname
 * and offers no override. Its folder holds {@code provisioning.jwt} (the link-time path is
 * relative), {@code etc/server.conf} (absent at first) and {@code server.log}.
 */
final class RealServer implements AutoCloseable {
  private final String identity;
  private final Path dir;
  private final Process process;

  private RealServer(String identity, Path dir, Process process) {
    this.identity = identity;
    this.dir = dir;
    this.process = process;
  }

  /** Starts a server in provisioning mode: no config file, a provisioning JWT in its folder. */
  static RealServer start(Path binary, String identity, Path dir, Path jwt) throws IOException {
    return launch(binary, identity, dir, jwt);
  }

  /**
   * Starts a server in provisioning mode from its own copy of {@code binary} in {@code
   * <dir>/bin/choria}: {@code release_update} replaces the running program (argv[0]) in place and
   * leaves {@code choria.backup} beside it, which must not touch the shared build cache.
   */
  static RealServer startOwnCopy(Path binary, String identity, Path dir, Path jwt)
      throws IOException {
    Path own = dir.resolve("bin").resolve("choria");
    Files.createDirectories(own.getParent());
    Files.copy(binary, own, REPLACE_EXISTING);
    if (!own.toFile().setExecutable(true, true)) {
      throw new IOException("could not make " + own + " executable");
    }
    return launch(own, identity, dir, jwt);
  }

  private static RealServer launch(Path binary, String identity, Path dir, Path jwt)
      throws IOException {
    Files.createDirectories(dir.resolve("etc"));
    Files.copy(jwt, dir.resolve("provisioning.jwt"));
    Path config = dir.resolve("etc").resolve("server.conf");
    // The restart action re-executes argv[0], so the binary path must be absolute.
    List<String> command =
        List.of(
            "unshare",
            "--uts",
            "--",
            "/bin/sh",
            "-c",
            "hostname \"$0\" && exec \"$1\" server run --config \"$2\" --debug",
            identity,
            binary.toAbsolutePath().toString(),
            config.toString());
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    return new RealServer(identity, dir, process);
  }

  String identity() {
    return identity;
  }

  Path configFile() {
    return dir.resolve("etc").resolve("server.conf");
  }

  /** The program the server runs from its own copy (see {@link #startOwnCopy}). */
  Path ownBinary() {
    return dir.resolve("bin").resolve("choria");
  }

  Path sslDir() {
    return dir.resolve("etc").resolve("ssl");
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The server's log so far, for failure messages. */
  String log() {
    try {
      Path log = dir.resolve("server.log");
      return Files.exists(log) ? Files.readString(log) : "(no log yet)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Copies the server's log and its config file into {@code dir} for the CI record. */
  void keepLogs(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(identity + ".log"), log());
    if (Files.exists(configFile())) {
      Files.copy(configFile(), dir.resolve(identity + ".conf"), REPLACE_EXISTING);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
