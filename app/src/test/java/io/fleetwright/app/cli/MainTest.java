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
}
