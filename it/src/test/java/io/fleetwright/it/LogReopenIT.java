package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logrotate's {@code postrotate kill -HUP}: {@code provisioner run} in its own JVM, on the Go
 * fixture config with {@code loglevel: debug} and {@code logformat: json}, logs the protocol's
 * debug lines into its file; after the file is moved and the process gets SIGHUP, it keeps running
 * and writes its next lines (a second node's RPCs) into a new file under the configured name. No
 * line carries the token or the broker password.
 */
class LogReopenIT {
  private static final String TOKEN = "toomanysecrets";
  private static final String PASSWORD = "s3cret";

  @TempDir Path dir;

  @Test
  void sighupAfterTheLogWasMovedReopensItAndTheProcessRunsOn() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path log = dir.resolve("provisioner.log");
      Path rotated = dir.resolve("provisioner.log.1");
      Path out = dir.resolve("run.out");
      Process run = start(config(nats.url(), log), temporal.target(), out, "--default-signal=HUP");
      try {
        Await.until(
            Duration.ofMinutes(2),
            () -> !run.isAlive() || text(out).contains(WorkerProcess.READY),
            () -> "the ready line in " + out + ": " + text(out) + text(log));
        provision(nats, "first-%02d.example.net", log);
        assertTrue(
            text(log).contains("\"logger\":\"io.fleetwright.protocol."),
            "loglevel: debug did not reach the protocol logger: "
                + text(log)
                + "\nrun output: "
                + text(out));
        assertFalse(text(log).contains("SIGHUP is ignored"), text(log));
        Files.move(log, rotated);
        signal(run, "HUP");
        Await.until(
            Duration.ofSeconds(30),
            () -> text(log).contains("reopened the log file"),
            () -> "a new " + log + " after SIGHUP; run output: " + text(out));
        provision(nats, "second-%02d.example.net", log);
        assertTrue(run.isAlive(), "run exited on SIGHUP: " + text(out));
        assertTrue(text(log).contains("second-01.example.net"), "new file: " + text(log));
        assertFalse(text(rotated).contains("second-01.example.net"), "old: " + text(rotated));
        assertTrue(text(rotated).contains("reopening the log file"), text(rotated));
        for (Path file : List.of(rotated, log)) {
          everyLineIsJsonWithoutSecrets(file);
        }
      } finally {
        run.destroy();
        run.waitFor();
      }
    }
  }

  @Test
  void aProvisionerStartedWithSighupIgnoredSaysItCannotReopenTheLog() throws Exception {
    Path log = dir.resolve("provisioner.log");
    Path out = dir.resolve("run.out");
    // Nothing listens on either port: the warning comes before the provisioner connects.
    Path config = config("nats://127.0.0.1:" + FreePorts.next(), log);
    Process run = start(config, "127.0.0.1:" + FreePorts.next(), out, "--ignore-signal=HUP");
    try {
      Await.until(
          Duration.ofMinutes(1),
          () -> text(log).contains("SIGHUP is ignored in this process"),
          () -> "the nohup warning in " + log + ": " + text(log) + "\nrun output: " + text(out));
      assertTrue(text(log).contains("or rotate the file with logrotate's copytruncate"), text(log));
    } finally {
      run.destroy();
      run.waitFor();
    }
  }

  private static void provision(NatsServer nats, String pattern, Path log) throws Exception {
    try (Fleet fleet =
        Fleet.builder()
            .nodes(1)
            .natsUrl(nats.url())
            .token(TOKEN)
            .identityPattern(pattern)
            .splayScale(0.02)
            .build()
            .start()) {
      Await.until(
          Duration.ofMinutes(1),
          () -> fleet.count(NodeMode.PROVISIONED) == 1,
          () -> pattern + " not provisioned; log: " + text(log));
    }
  }

  private static void everyLineIsJsonWithoutSecrets(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(file);
    assertFalse(lines.isEmpty(), file + " is empty");
    for (String line : lines) {
      JsonNode node = json.readTree(line);
      for (String field : List.of("time", "level", "logger", "message")) {
        assertTrue(node.hasNonNull(field), "no " + field + " in " + file + ": " + line);
      }
      assertFalse(line.contains(TOKEN) || line.contains(PASSWORD), "a secret in: " + line);
    }
  }

  private Path config(String natsUrl, Path log) throws IOException {
    String text;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("go-provisioner/provisioner.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path helper = Path.of("src/test/resources/helpers/gocompat.py").toAbsolutePath();
    String yaml = replace(text, "logfile: /var/log/choria-provisioner.log", "logfile: " + log);
    yaml = replace(yaml, "loglevel: info", "loglevel: debug\nlogformat: json");
    yaml =
        replace(
            yaml,
            "helper: /etc/choria-provisioner/helper.rb",
            "helper: /usr/bin/python3 " + helper);
    yaml =
        replace(
            yaml,
            "monitor_port: 8080",
            "monitor_port: " + FreePorts.next() + "\nmonitor_address: 127.0.0.1");
    yaml += "nats:\n  servers: [" + natsUrl + "]\n";
    return Files.writeString(dir.resolve("provisioner.yaml"), yaml);
  }

  private static String replace(String text, String from, String to) {
    assertTrue(text.contains(from), "the Go fixture no longer has '" + from + "'");
    return text.replace(from, to);
  }

  /**
   * Starts the provisioner through {@code env} with SIGHUP set by {@code hup}: its default action,
   * as systemd starts it (a test run under {@code nohup} would otherwise hand the ignored signal
   * down), or ignored, as {@code nohup} does.
   */
  private static Process start(Path config, String temporal, Path out, String hup)
      throws IOException {
    return new ProcessBuilder(
            List.of(
                "env",
                hup,
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--config",
                config.toString(),
                "--temporal",
                temporal))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  private static void signal(Process process, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    assertEquals(0, kill.waitFor(), "kill -" + name + " " + process.pid());
  }

  private static String text(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
