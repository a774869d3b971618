package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code provisioner reprovision} against a real dev server, NATS and the emulated fleet: the nodes
 * go back into provisioning mode, are provisioned again, and their new runs name the old ones.
 */
class ReprovisionIT {
  private static final String N1 = "node-00001.fleet.example.net";
  private static final String N2 = "node-00002.fleet.example.net";
  private static final String N3 = "node-00003.fleet.example.net";

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

  private static String config(Path helper, String token, TemporalDevServer t, NatsServer n) {
    return """
        helper: "%s"
        token: %s
        identity: fleetwright.reprovision-it
        interval: 1h
        loglevel: warn
        temporal: {target: "%s"}
        nats: {servers: ["%s"]}
        main_collective: {servers: ["%s"]}
        """
        .formatted(helper, token, t.target(), n.url(), n.url());
  }

  @Test
  void reprovisionedNodesAreProvisionedAgainInRunsLinkedToTheirPreviousOnes(@TempDir Path dir)
      throws Exception {
    Path helper = dir.resolve("configure.js");
    Files.writeString(
        helper,
        """
        function provision(host) {
          return {defer: false, msg: "ok",
                  configuration: {"identity": host.identity,
                                  "plugin.choria.server.provision": "false"}};
        }
        """);
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path good = dir.resolve("provisioner.yaml");
      Files.writeString(good, config(helper, "rp-it", temporal, nats));
      Path wrongToken = dir.resolve("wrong-token.yaml");
      Files.writeString(wrongToken, config(helper, "not-the-token", temporal, nats));
      try (Provisioner p = Provisioner.start(ConfigLoader.load(good));
          Fleet fleet =
              Fleet.builder()
                  .nodes(3)
                  .natsUrl(nats.url())
                  .token("rp-it")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> p.operator().countsByState().get("PROVISIONED") == 3,
            () -> p.operator().countsByState().toString());

        Result refused = cli("reprovision", N3, "--yes", "--config", wrongToken.toString());
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.out().contains("Incorrect provision token supplied"), refused.out());
        assertEquals(NodeMode.PROVISIONED, node(fleet, N3).mode());

        Result done =
            cli("reprovision", N1, N2, "--batch", "1", "--yes", "--config", good.toString());
        assertEquals(0, done.exit(), done.out() + done.err());
        assertTrue(done.out().contains("batch 2 of 2"), done.out());
        assertTrue(done.out().contains("reprovisioned 2/2 nodes"), done.out());
        assertTrue(
            done.out()
                .contains(N1 + ": PROVISIONED (run 2 of this node, because of reprovision by"),
            done.out());
        assertEquals(2, node(fleet, N1).configureCount(), "configures of " + N1);
        assertEquals(2, node(fleet, N2).configureCount(), "configures of " + N2);
        assertEquals(1, node(fleet, N3).configureCount(), "configures of " + N3);
        assertEquals(NodeMode.PROVISIONED, node(fleet, N1).mode());

        Result status = cli("status", N1, "--config", good.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(
            status.out().contains("run:          run 2 of this node, because of reprovision by"),
            status.out());

        Result again = cli("reprovision", N1, "--yes", "--config", good.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("run 3 of this node"), again.out());
      }
    }
  }

  private static FleetNode node(Fleet fleet, String identity) {
    return fleet.nodes().stream()
        .filter(n -> n.identity().equals(identity))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + identity));
  }
}
