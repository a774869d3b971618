package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code helper replay} and {@code helper try} on the histories of a small, really provisioned
 * fleet with an encrypted history: the JavaScript example helper, and its GraalPy twin, again give
 * the same replies, a copy that picks another broker changes every node's {@code
 * plugin.choria.middleware_hosts}, and without the codec key no node's input can be read.
 */
class HelperReplayIT {
  private static final int NODES = 4;
  private static final Path EXAMPLE = Path.of("../helpers/examples/provision.js").toAbsolutePath();
  private static final Path EXAMPLE_PY =
      Path.of("../helpers/examples/provision.py").toAbsolutePath();

  record Result(int exit, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void replaysTheRecordedInputsOfAProvisionedFleet(@TempDir Path dir) throws Exception {
    Path codecKey = dir.resolve("codec.key");
    byte[] key = new byte[32];
    key[3] = 42;
    Files.writeString(codecKey, Base64.getEncoder().encodeToString(key));
    Path otherBroker = dir.resolve("other-broker.js");
    Files.writeString(
        otherBroker,
        Files.readString(EXAMPLE)
            .replace(
                "const brokers = BROKERS[country] || DEFAULT_BROKERS;",
                "const brokers = \"nats://nats-new.example.net:4222\";"));
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path configFile = dir.resolve("provisioner.yaml");
      Files.writeString(
          configFile,
          """
          helper: "%s"
          token: replay-it
          interval: 1h
          loglevel: warn
          features: {pki: true}
          ca: {dir: "%s"}
          codec: {key_file: "%s"}
          temporal: {target: "%s"}
          nats: {servers: ["%s"]}
          """
              .formatted(EXAMPLE, dir.resolve("ca"), codecKey, temporal.target(), nats.url()));
      ProvisionerConfig config = ConfigLoader.load(configFile);
      try (Provisioner provisioner = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token("replay-it")
                  .seed(5)
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> provisioner.operator().countsByState().get("PROVISIONED") == NODES,
            () ->
                "modes "
                    + fleet.countsByMode()
                    + ", states "
                    + provisioner.operator().countsByState());
        List<String> identities = fleet.nodes().stream().map(FleetNode::identity).toList();
        assertEquals(NODES, fleet.count(NodeMode.PROVISIONED));
        String cfg = configFile.toString();

        Result same = cli("helper", "replay", "--helper", EXAMPLE.toString(), "--config", cfg);
        assertEquals(0, same.exit(), same.out() + same.err());
        for (String identity : identities) {
          assertTrue(same.out().contains(identity + "  same\n"), same.out());
        }
        assertTrue(same.out().contains("summary: 4 nodes: same 4, changed 0,"), same.out());

        Result python = cli("helper", "replay", "--helper", EXAMPLE_PY.toString(), "--config", cfg);
        assertEquals(0, python.exit(), python.out() + python.err());
        assertTrue(
            python.out().contains("summary: 4 nodes: same 4, changed 0,"),
            "the GraalPy example gives the JavaScript example's replies:\n" + python.out());

        Result changed =
            cli(
                "helper",
                "replay",
                "--helper",
                otherBroker.toString(),
                "--config",
                cfg,
                "--since",
                "1h",
                "--state",
                "PROVISIONED");
        assertEquals(0, changed.exit(), changed.out() + changed.err());
        for (String identity : identities) {
          assertTrue(
              changed
                  .out()
                  .lines()
                  .anyMatch(
                      l ->
                          l.startsWith(identity + "  changed  ")
                              && l.contains("plugin.choria.middleware_hosts: \"nats://")
                              && l.contains("→ \"nats://nats-new.example.net:4222\"")),
              changed.out());
        }
        assertTrue(changed.out().contains("summary: 4 nodes: same 0, changed 4,"), changed.out());

        Result json =
            cli(
                "helper",
                "replay",
                "--helper",
                otherBroker.toString(),
                "--config",
                cfg,
                "--limit",
                "2",
                "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(
            json.out().contains("\"key\":\"plugin.choria.middleware_hosts\"")
                && json.out().contains("\"summary\":{\"nodes\":2,"),
            json.out());

        Result noKey =
            cli(
                "helper",
                "replay",
                "--helper",
                EXAMPLE.toString(),
                "--temporal",
                temporal.target());
        assertEquals(1, noKey.exit(), noKey.out() + noKey.err());
        assertTrue(
            noKey.out().contains("unrecoverable 4")
                && noKey.out().contains("encrypted with codec key id"),
            noKey.out());

        Result tried =
            cli(
                "helper",
                "try",
                "--identity",
                identities.get(0),
                "--helper",
                otherBroker.toString(),
                "--config",
                cfg);
        assertEquals(0, tried.exit(), tried.out() + tried.err());
        assertTrue(
            tried.out().startsWith(identities.get(0) + "  changed")
                && tried.out().contains("\"plugin.choria.middleware_hosts\" : \"nats://nats-new"),
            tried.out());

        Path broken = dir.resolve("broken.js");
        Files.writeString(
            broken,
            Files.readString(EXAMPLE)
                .replace("\"plugin.choria.server.provision\": \"false\",", ""));
        Result invalid = cli("helper", "replay", "--helper", broken.toString(), "--config", cfg);
        assertEquals(1, invalid.exit(), invalid.out() + invalid.err());
        assertTrue(
            invalid.out().contains("invalid 4")
                && invalid.out().contains("  invalid  INVALID_OUTPUT"),
            invalid.out());

        Result usage = cli("helper", "replay", "--config", cfg);
        assertEquals(2, usage.exit(), usage.out() + usage.err());
        assertEquals(
            NODES,
            fleet.nodes().stream().mapToInt(FleetNode::configureCount).sum(),
            "the replays configured no node again");
      }
    }
  }
}
