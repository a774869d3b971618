package io.fleetwright.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run} is the default command, and the Go provisioner's flags are accepted, as in Go. */
class MainTest {
  record Result(int exit, String err) {}

  @AfterEach
  void forgetDebug() {
    System.clearProperty("fleetwright.debug");
  }

  private static Result execute(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return new Result(cli.execute(Main.withDefaultCommand(args)), err.toString());
  }

  @Test
  void runIsPutInFrontWhenNoCommandIsGiven() {
    assertArrayEquals(new String[] {"run"}, Main.withDefaultCommand());
    assertArrayEquals(
        new String[] {"run", "--config=p.yaml", "--choria-config=c.cfg"},
        Main.withDefaultCommand("--config=p.yaml", "--choria-config=c.cfg"));
    assertArrayEquals(
        new String[] {"--debug", "run", "--config", "p.yaml"},
        Main.withDefaultCommand("--debug", "--config", "p.yaml"));
    assertArrayEquals(new String[] {"status", "n1"}, Main.withDefaultCommand("status", "n1"));
    assertArrayEquals(new String[] {"--help"}, Main.withDefaultCommand("--help"));
  }

  @Test
  void noArgumentsIsAUsageErrorNamingTheMissingConfig() {
    Result r = execute();
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("Missing required option: '--config=FILE'"), r.err());
  }

  @Test
  void theGoFlagsAreAcceptedAndAMissingChoriaConfigIsNamed(@TempDir Path dir) throws Exception {
    Path yaml = Files.writeString(dir.resolve("p.yaml"), "site: lab\n");
    Path missing = dir.resolve("choria.cfg");
    Result r =
        execute(
            "--debug",
            "--config=" + yaml,
            "--choria-config=" + missing,
            "--pid",
            dir.resolve("p.pid").toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err().contains("Choria config " + missing + " does not exist; pass an existing file"),
        r.err());
    assertTrue(!Files.exists(dir.resolve("p.pid")), "a PID file before the config loaded");
  }

  @Test
  void everyDurationFlagTakesChoriaDurations() {
    CommandLine.ParseResult site =
        Main.commandLine().parseArgs("site", "run", "site.yaml", "--poll", "2s");
    assertEquals(
        java.time.Duration.ofSeconds(2),
        site.subcommand().subcommand().matchedOptionValue("--poll", null));
    DurationConverter durations = new DurationConverter();
    assertEquals(java.time.Duration.ofMinutes(10), durations.convert("10m"));
    assertEquals(java.time.Duration.ofSeconds(90), durations.convert("90s"));
    assertEquals(java.time.Duration.ofMinutes(90), durations.convert("1h30m"));
    assertEquals(java.time.Duration.ofMillis(1500), durations.convert("1.5"));
    assertEquals(java.time.Duration.ofSeconds(2), durations.convert("PT2S"));
    CommandLine.TypeConversionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CommandLine.TypeConversionException.class, () -> durations.convert("2 weeks"));
    assertEquals("'2 weeks' is not a duration; write it like 90s, 10m, 1h or 1d", e.getMessage());
  }

  @Test
  void statesAreCaseInsensitive() {
    CommandLine.ParseResult nodes = Main.commandLine().parseArgs("nodes", "--state", "deferred");
    assertEquals(
        io.fleetwright.api.ProvisioningState.DEFERRED,
        nodes.subcommand().matchedOptionValue("--state", null));
  }
}
