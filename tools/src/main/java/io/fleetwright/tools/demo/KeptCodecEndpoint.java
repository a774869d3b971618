package io.fleetwright.tools.demo;

import io.fleetwright.tools.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * With {@code demo --keep}: the demo's codec endpoint, on the port and with the token the dev
 * server's Web UI was given, in a JVM of its own ({@code provisioner codec-endpoint}) that outlives
 * the demo, so the UI keeps decoding payloads after the worker stopped.
 */
final class KeptCodecEndpoint {
  private static final Duration READY_WAIT = Duration.ofSeconds(60);

  private KeptCodecEndpoint() {}

  /**
   * Starts it after the demo's worker (and with it the worker's endpoint) stopped, and waits until
   * it listens.
   *
   * @return its process ID
   */
  static long start(DemoCodec codec, Optional<String> uiUrl, Path dataDir) {
    Path config = dataDir.toAbsolutePath().resolve("codec-endpoint.yaml");
    Path log = dataDir.toAbsolutePath().resolve("codec-endpoint.log");
    Process process;
    long from;
    try {
      Files.writeString(config, codec.configSection(uiUrl));
      from = Files.exists(log) ? Files.size(log) : 0;
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
      if (Runtime.version().feature() >= 23) {
        // As bin/provisioner: protobuf still uses sun.misc.Unsafe, which JDK 23+ warns about.
        command.add("--sun-misc-unsafe-memory-access=allow");
      }
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              Main.class.getName(),
              "codec-endpoint",
              "--config",
              config.toString()));
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the codec endpoint for the kept Web UI (config " + config + ")", e);
    }
    awaitReady(process, log, from);
    return process.pid();
  }

  private static void awaitReady(Process process, Path log, long from) {
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    while (!logFrom(log, from).contains(CodecEndpointCommand.READY)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroy();
        throw new IllegalStateException(
            "the codec endpoint for the kept Web UI "
                + (process.isAlive()
                    ? "did not listen within " + READY_WAIT.toSeconds() + " s"
                    : "exited")
                + "; the UI shows payloads encrypted until one runs. Its log "
                + log
                + ": "
                + logFrom(log, from).strip());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
        throw new IllegalStateException("interrupted while the codec endpoint started", e);
      }
    }
  }

  private static String logFrom(Path log, long from) {
    try {
      byte[] all = Files.readAllBytes(log);
      return new String(
          all,
          (int) Math.min(from, all.length),
          (int) Math.max(0, all.length - from),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
