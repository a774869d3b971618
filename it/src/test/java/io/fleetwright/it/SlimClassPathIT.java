package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.cli.Main;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slim image's promise, on its class path (the production one without any {@code org.graalvm}
 * jar, as app/target/lib-slim): {@code provisioner run} with a subprocess helper starts and
 * provisions nodes, so it never loads a polyglot class nor creates an engine; with a {@code .js}
 * helper it stops at start-up with one line that names the fix.
 */
class SlimClassPathIT {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final int NODES = 3;

  @Test
  void aSubprocessHelperProvisionsWithNoGraalVmJarOnTheClassPath(@TempDir Path dir)
      throws Exception {
    String slim = slimClassPath();
    Path examples = Path.of("..", "helpers", "examples").toAbsolutePath().normalize();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path js = config(dir, "js", temporal, nats, examples.resolve("provision.js").toString(), "");
      Path jsLog = dir.resolve("js.log");
      Process refused = run(slim, js, jsLog);
      Await.until(WAIT, () -> !refused.isAlive(), () -> "run to stop; log " + log(jsLog));
      assertEquals(1, refused.exitValue(), log(jsLog));
      assertTrue(
          log(jsLog).contains("runs in-process in GraalJS, but the GraalVM polyglot jars are not")
              && log(jsLog).contains("use the full image"),
          log(jsLog));
      assertFalse(log(jsLog).contains("NoClassDefFoundError"), log(jsLog));

      String python = "/usr/bin/python3 " + examples.resolve("provision.py");
      Path sub = config(dir, "sub", temporal, nats, python, "helper_runtime: subprocess\n");
      Path subLog = dir.resolve("sub.log");
      Process worker = run(slim, sub, subLog);
      try (Fleet fleet =
          Fleet.builder()
              .nodes(NODES)
              .natsUrl(nats.url())
              .token("slim")
              .seed(42)
              .identityPattern("node-%05d.slim.example.net")
              .splayScale(0.02)
              .build()
              .start()) {
        Await.until(
            WAIT,
            () -> !worker.isAlive() || log(subLog).contains(WorkerProcess.READY),
            () -> "the worker's ready line; log " + log(subLog));
        assertTrue(worker.isAlive(), "the worker exited: " + log(subLog));
        for (int i = 1; i <= NODES; i++) {
          fleet.awaitMode("node-%05d.slim.example.net".formatted(i), NodeMode.PROVISIONED, WAIT);
        }
      } finally {
        worker.destroy();
        worker.waitFor();
      }
      assertFalse(log(subLog).contains("polyglot engine"), log(subLog));
    }
  }

  /** The test JVM's class path without the jars of any org.graalvm group (Maven's layout). */
  private static String slimClassPath() {
    List<String> all =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    String graal = File.separator + "org" + File.separator + "graalvm" + File.separator;
    List<String> slim = all.stream().filter(e -> !e.contains(graal)).toList();
    assertTrue(all.size() - slim.size() >= 10, "GraalVM jars on the test class path: " + all);
    return slim.stream().collect(Collectors.joining(File.pathSeparator));
  }

  private static Path config(
      Path dir,
      String name,
      TemporalDevServer temporal,
      NatsServer nats,
      String helper,
      String more)
      throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        helper: "%s"
        token: slim
        interval: 1h
        loglevel: info
        monitor_port: %d
        monitor_address: 127.0.0.1
        temporal: {target: "%s"}
        nats: {servers: ["%s"]}
        """
                .formatted(helper, FreePorts.next(), temporal.target(), nats.url())
            + more);
    return file;
  }

  private static Process run(String classPath, Path config, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            classPath,
            Main.class.getName(),
            "run",
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String log(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
