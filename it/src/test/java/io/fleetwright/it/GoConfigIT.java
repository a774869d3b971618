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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator swaps the Go provisioner's binary and keeps its files: {@code provisioner run
 * --config provisioner.yaml --choria-config choria.cfg --pid FILE} starts in its own JVM on a Go
 * provisioner's config (the fixtures in testing's {@code go-provisioner/}; the test changes only
 * paths and ports, and binds the monitor to 127.0.0.1), reaches the broker that choria.cfg names,
 * provisions nodes, and removes its PID file when stopped with SIGTERM.
 */
class GoConfigIT {
  @TempDir Path dir;

  @Test
  void runStartsOnAGoProvisionerConfigAndChoriaCfg() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path helper = Path.of("src/test/resources/helpers/gocompat.py").toAbsolutePath();
      Path log = dir.resolve("provisioner.log");
      Path yaml =
          copy(
              "provisioner.yaml",
              Map.of(
                  "logfile: /var/log/choria-provisioner.log", "logfile: " + log,
                  "helper: /etc/choria-provisioner/helper.rb", "helper: /usr/bin/python3 " + helper,
                  "monitor_port: 8080",
                      "monitor_port: " + FreePorts.next() + "\nmonitor_address: 127.0.0.1"));
      URI broker = URI.create(nats.url());
      Path cfg =
          copy(
              "choria.cfg",
              Map.of(
                  "nats1.example.net:4222, nats2.example.net:4222",
                  broker.getHost() + ":" + broker.getPort()));
      Path pid = dir.resolve("provisioner.pid");
      Path out = dir.resolve("run.out");
      Process run =
          new ProcessBuilder(
                  List.of(
                      ProcessHandle.current().info().command().orElse("java"),
                      "-Xmx384m",
                      "-cp",
                      System.getProperty("java.class.path"),
                      Main.class.getName(),
                      "run",
                      "--config",
                      yaml.toString(),
                      "--choria-config",
                      cfg.toString(),
                      "--temporal",
                      temporal.target(),
                      "--pid",
                      pid.toString()))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      try (Fleet fleet =
          Fleet.builder()
              .nodes(2)
              .natsUrl(nats.url())
              .token("toomanysecrets")
              .splayScale(0.02)
              .build()
              .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> !run.isAlive() || text(out).contains(WorkerProcess.READY),
            () -> "the ready line in " + out + ": " + text(out));
        assertTrue(run.isAlive(), "run exited with " + exit(run) + ": " + text(out) + text(log));
        assertEquals(Long.toString(run.pid()), Files.readString(pid), "the --pid file");
        Await.until(
            Duration.ofMinutes(2),
            () -> fleet.count(NodeMode.PROVISIONED) == 2,
            () -> fleet.count(NodeMode.PROVISIONED) + " of 2 provisioned; log: " + text(log));
        assertTrue(text(log).contains("INFO"), "loglevel info into the Go logfile: " + text(log));
      } finally {
        run.destroy();
        run.waitFor();
      }
      assertFalse(Files.exists(pid), "the PID file is left after SIGTERM: " + text(out));
    }
  }

  private Path copy(String fixture, Map<String, String> replace) throws IOException {
    String text;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("go-provisioner/" + fixture)) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> r : replace.entrySet()) {
      assertTrue(text.contains(r.getKey()), fixture + " no longer has '" + r.getKey() + "'");
      text = text.replace(r.getKey(), r.getValue());
    }
    return Files.writeString(dir.resolve(fixture), text);
  }

  private static String text(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String exit(Process p) {
    return p.isAlive() ? "nothing (still running)" : Integer.toString(p.exitValue());
  }
}
