package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main collective on a broker of its own, with a login of its own (issue 16): a provisioning
 * broker that knows only the {@code provisioner} user, and a main broker that knows only the nodes
 * and the {@code fleetwright} user, routed together as one cluster. The nodes are connected to the
 * main broker. {@code reprovision} reaches a node there with {@code main_collective.user} and
 * {@code main_collective.password}, and with a wrong password it stops with one line naming them.
 */
class MainCollectiveLoginIT {
  private static final String PROVISIONING_PASSWORD = "prov-s3cret";
  private static final String MAIN_PASSWORD = "main-s3cret";
  private static final String N1 = "node-00001.main.example.net";
  private static final String N2 = "node-00002.main.example.net";

  record Result(int exit, String out, String err) {}

  @Test
  void reprovisionReachesANodeOnTheMainBrokerWithTheMainCollectiveLogin(@TempDir Path dir)
      throws Exception {
    int provisioningRoute = FreePorts.next();
    int mainRoute = FreePorts.next();
    try (NatsServer provisioning =
            broker(
                "{user: provisioner, password: \"%s\"}".formatted(PROVISIONING_PASSWORD),
                provisioningRoute,
                mainRoute);
        NatsServer main =
            broker(
                "{user: node, password: \"node-s3cret\"}\n"
                    + "      {user: fleetwright, password: \"%s\"}".formatted(MAIN_PASSWORD),
                mainRoute,
                provisioningRoute);
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      awaitRoute(provisioning, main);
      Path good = dir.resolve("provisioner.yaml");
      Files.writeString(good, config(dir, temporal, provisioning, main, MAIN_PASSWORD));
      Path wrong = dir.resolve("wrong-main-password.yaml");
      Files.writeString(wrong, config(dir, temporal, provisioning, main, "not-the-password"));
      try (Provisioner p = Provisioner.start(ConfigLoader.load(good));
          Fleet fleet =
              Fleet.builder()
                  .nodes(2)
                  .natsUrl(main.url())
                  .identityPattern("node-%05d.main.example.net")
                  .brokerOptions(o -> o.userInfo("node", "node-s3cret"))
                  .token("mc-it")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> Long.valueOf(2).equals(p.operator().countsByState().get("PROVISIONED")),
            () -> "states in Temporal " + p.operator().countsByState());

        Result done = cli("reprovision", N1, "--yes", "--config", good.toString());
        assertEquals(0, done.exit(), done.out() + done.err());
        assertTrue(done.out().contains("reprovisioned 1/1 nodes"), done.out());
        assertTrue(
            done.out()
                .contains(N1 + ": PROVISIONED (run 2 of this node, because of reprovision by"),
            done.out());
        assertEquals(2, node(fleet, N1).configureCount(), "configures of " + N1);

        Result refused = cli("reprovision", N2, "--yes", "--config", wrong.toString());
        String line = refused.err().strip();
        System.out.println("MainCollectiveLoginIT: wrong login said: " + line);
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertFalse(line.contains("\n"), "more than one line:\n" + refused.err());
        assertTrue(line.contains(main.url()), "the line names the main broker: " + line);
        assertTrue(
            line.contains("fix main_collective.user and main_collective.password"),
            "the line names the main_collective keys: " + line);
        assertFalse(line.contains("not-the-password"), "the line shows the password: " + line);
        assertEquals(1, node(fleet, N2).configureCount(), "configures of " + N2);
        assertEquals(NodeMode.PROVISIONED, node(fleet, N2).mode());
      }
    }
  }

  /** A broker that knows only these users, routed to the other broker of the cluster. */
  private static NatsServer broker(String users, int route, int otherRoute) {
    return NatsServer.start(
        NatsServerOptions.builder()
            .extraConfig(
                """
                authorization {
                  users: [
                      %s
                  ]
                }
                cluster {
                  name: main-collective-it
                  listen: 127.0.0.1:%d
                  routes: [nats-route://127.0.0.1:%d]
                  # Clients learn no other broker, so a login the main broker refuses is not
                  # retried on the provisioning broker, which would let it through.
                  no_advertise: true
                }
                """
                    .formatted(users, route, otherRoute))
            .build());
  }

  /** Waits until a message published on the main broker reaches a subscriber on the other. */
  private static void awaitRoute(NatsServer provisioning, NatsServer main) throws Exception {
    try (Connection a = connect(provisioning, "provisioner", PROVISIONING_PASSWORD);
        Connection b = connect(main, "fleetwright", MAIN_PASSWORD)) {
      Subscription probe = a.subscribe("main-collective-it.probe");
      a.flush(Duration.ofSeconds(5));
      Await.until(
          Duration.ofSeconds(30),
          () -> {
            b.publish("main-collective-it.probe", "ping".getBytes(StandardCharsets.UTF_8));
            try {
              return probe.nextMessage(Duration.ofMillis(200)) != null;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          },
          () -> "no route between " + provisioning.url() + " and " + main.url());
    }
  }

  private static Connection connect(NatsServer server, String user, String password)
      throws Exception {
    return Nats.connect(Options.builder().server(server.url()).userInfo(user, password).build());
  }

  private static String config(
      Path dir, TemporalDevServer temporal, NatsServer provisioning, NatsServer main, String pw)
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
    return """
        helper: "%s"
        token: mc-it
        identity: fleetwright.main-collective-it
        interval: 1h
        loglevel: warn
        broker_provisioning_password: %s
        temporal: {target: "%s"}
        nats: {servers: ["%s"]}
        main_collective:
          servers: ["%s"]
          user: fleetwright
          password: %s
        """
        .formatted(
            helper, PROVISIONING_PASSWORD, temporal.target(), provisioning.url(), main.url(), pw);
  }

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static FleetNode node(Fleet fleet, String identity) {
    return fleet.nodes().stream()
        .filter(n -> n.identity().equals(identity))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + identity));
  }
}
