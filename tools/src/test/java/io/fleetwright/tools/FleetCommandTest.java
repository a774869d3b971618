package io.fleetwright.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.TinyDnsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fleet --target}: each kind builds the resolver the emulated nodes use, and it finds the
 * brokers from a real hint file or a real DNS server; wrong combinations are usage errors.
 */
class FleetCommandTest {

  @Test
  void staticIsTheDefaultAndUsesNats() {
    assertEquals(List.of("nats://127.0.0.1:4222"), brokers("fleet", "--nodes", "1"));
    assertEquals(
        List.of("nats://a.example:4222", "nats://b.example:4223"),
        brokers(
            "fleet",
            "--nodes",
            "1",
            "--target",
            "static",
            "--nats",
            "nats://a.example:4222,nats://b.example:4223"));
  }

  @Test
  void hintFileLooksTheFieldUpInTheBrokerTable(@TempDir Path dir) throws Exception {
    Path hint = dir.resolve("hint.json");
    Files.writeString(hint, "{\"datacenter\":\"ams1\"}");
    assertEquals(
        List.of("nats://broker.ams1.example:4222"),
        brokers(
            "fleet",
            "--nodes",
            "1",
            "--target",
            "hint-file",
            "--hint-file",
            hint.toString(),
            "--hint-field",
            "datacenter",
            "--hint-broker",
            "fra1=nats://broker.fra1.example:4222",
            "--hint-broker",
            "ams1=nats://broker.ams1.example:4222"));
  }

  @Test
  void srvAsksTheGivenDnsServer() throws Exception {
    try (TinyDnsServer dns =
        new TinyDnsServer(
            Map.of(
                "_choria-provisioner._tcp.lab.example",
                List.of(new TinyDnsServer.Srv(10, 0, 4223, "main.lab.example"))))) {
      assertEquals(
          List.of("nats://main.lab.example:4223"),
          brokers(
              "fleet",
              "--nodes",
              "1",
              "--target",
              "srv",
              "--srv-domain",
              "lab.example",
              "--dns",
              dns.address()));
    }
  }

  @Test
  void aFleetStartedWithTargetSrvConnectsToTheBrokerTheRecordsName() throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TinyDnsServer dns =
            new TinyDnsServer(
                Map.of(
                    "_choria-provisioner._tcp.lab.example",
                    List.of(new TinyDnsServer.Srv(10, 0, nats.port(), "localhost"))))) {
      CommandLine cl = Main.commandLine();
      cl.parseArgs(
          "fleet",
          "--nodes",
          "2",
          "--target",
          "srv",
          "--srv-domain",
          "lab.example",
          "--dns",
          dns.address());
      FleetCommand command = cl.getSubcommands().get("fleet").getCommand();
      try (Fleet fleet = Fleet.create(command.options().build()).start()) {
        assertEquals(List.of("nats://localhost:" + nats.port()), fleet.brokerUrls());
        fleet.awaitCount(NodeMode.PROVISIONING, 2, java.time.Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void aMissingOrMisplacedTargetOptionIsAUsageError() {
    assertUsageError(
        "--target srv needs --srv-domain DOMAIN", "fleet", "--nodes", "1", "--target", "srv");
    assertUsageError(
        "--target hint-file needs --hint-field FIELD",
        "fleet",
        "--nodes",
        "1",
        "--target",
        "hint-file",
        "--hint-file",
        "h.json",
        "--hint-broker",
        "a=nats://a:1");
    assertUsageError(
        "--srv-domain do(es) nothing with --target hint-file",
        "fleet",
        "--nodes",
        "1",
        "--target",
        "hint-file",
        "--srv-domain",
        "x.example");
    assertUsageError(
        "--hint-file do(es) nothing with --target static",
        "fleet",
        "--nodes",
        "1",
        "--hint-file",
        "h.json");
    assertUsageError(
        "--nats does nothing with --target srv",
        "fleet",
        "--nodes",
        "1",
        "--target",
        "srv",
        "--srv-domain",
        "x.example",
        "--nats",
        "nats://a:1");
    assertUsageError(
        "--target pigeon is not a target kind; use one of [static, hint-file, srv]",
        "fleet",
        "--nodes",
        "1",
        "--target",
        "pigeon");
  }

  @Test
  void helpNamesEveryTargetOption() {
    CommandLine cl = Main.commandLine();
    String help = cl.getSubcommands().get("fleet").getUsageMessage();
    for (String option :
        List.of(
            "--target", "--hint-file", "--hint-field", "--hint-broker", "--srv-domain", "--dns")) {
      assertTrue(help.contains(option), option + " missing from:\n" + help);
    }
  }

  /** What the fleet the flags describe would connect to (the command's resolver, asked once). */
  private static List<String> brokers(String... args) {
    CommandLine cl = Main.commandLine();
    cl.parseArgs(args);
    FleetCommand fleet = cl.getSubcommands().get("fleet").getCommand();
    return fleet.options().build().targets().resolve();
  }

  private static void assertUsageError(String message, String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains(message), "expected '" + message + "' in:\n" + err);
  }
}
