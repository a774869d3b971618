package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalServer;
import io.fleetwright.devstack.TemporalServerOptions;
import io.fleetwright.devstack.TemporalServerTls;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The worker and the operator commands over mTLS to the real Temporal server, whose frontend
 * requires client certificates (global.tls.frontend with requireClientAuth). One server, on
 * PostgreSQL, serves every case: starting it is most of the cost.
 */
class TemporalMtlsIT {
  private static final String SERVER_NAME = "frontend.fleetwright.test";
  private static final int NODES = 5;

  @TempDir static Path dir;
  private static TemporalServer server;
  private static NatsServer nats;
  private static TemporalTlsCerts.Ca serverCa;
  private static TemporalTlsCerts.Leaf worker;
  private static TemporalTlsCerts.Leaf rogue;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws IOException {
    Path pki = Files.createDirectories(dir.resolve("pki"));
    TemporalTlsCerts certs = new TemporalTlsCerts(pki);
    serverCa = certs.ca("server-ca");
    TemporalTlsCerts.Ca clientCa = certs.ca("client-ca");
    TemporalTlsCerts.Leaf frontend = certs.leaf(serverCa, "frontend", SERVER_NAME);
    TemporalTlsCerts.Leaf system = certs.leaf(clientCa, "system-worker", "system.fleetwright.test");
    worker = certs.leaf(clientCa, "worker", "worker.fleetwright.test");
    rogue = certs.leaf(certs.ca("other-ca"), "rogue", "worker.fleetwright.test");
    server =
        TemporalServer.start(
            TemporalServerOptions.builder()
                .workDir(dir.resolve("temporal"))
                .searchAttributes(SearchAttributeKeys.REGISTRATION)
                // The compose file's: `nodes` counts every state at once, over Temporal's default.
                .dynamicConfigFile(Path.of("../ops/compose/dynamicconfig.yaml"))
                .frontendTls(
                    new TemporalServerTls(
                        frontend.cert(),
                        frontend.key(),
                        serverCa.pem(),
                        clientCa.pem(),
                        system.cert(),
                        system.key(),
                        SERVER_NAME))
                .build());
    nats = Fixtures.startNats();
  }

  @AfterAll
  static void stop() {
    try (NatsServer n = nats;
        TemporalServer s = server) {
      // Closed in reverse order.
    }
  }

  /** The {@code temporal:} section for a client certificate, or none. */
  private static String temporalYaml(TemporalTlsCerts.Leaf client) {
    String cert =
        client == null
            ? ""
            : "\n    cert_file: \"%s\"\n    key_file: \"%s\""
                .formatted(client.cert(), client.key());
    return """
        temporal:
          target: "%s"
          tls:
            ca_file: "%s"
            server_name: %s%s
        """
        .formatted(server.target(), serverCa.pem(), SERVER_NAME, cert);
  }

  private static Path configFile(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }

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
  void theWorkerAndTheCliProvisionAndReportOverMutualTls() throws IOException {
    Path helper = Path.of("src/test/resources/helpers/scripted.py").toAbsolutePath();
    Path state = Files.createDirectories(dir.resolve("helper-state"));
    String yaml =
        """
        helper: "/usr/bin/python3 %s %s"
        token: mtls
        interval: 1h
        loglevel: warn
        nats: {servers: ["%s"]}
        defer: {initial_delay: 500ms, max_delay: 1s, max_attempts: 5}
        """
                .formatted(helper, state, nats.url())
            + temporalYaml(worker);
    Path config = configFile("worker", yaml);
    ProvisionerConfig parsed = ConfigLoader.load(config);
    assertTrue(parsed.temporal().tls().mutual(), parsed.temporal().tls().toString());
    try (Provisioner p = Provisioner.start(parsed);
        Fleet fleet =
            Fleet.builder()
                .nodes(NODES)
                .natsUrl(nats.url())
                .token("mtls")
                .splayScale(0.02)
                .build()
                .start()) {
      Await.until(
          Duration.ofMinutes(2),
          () -> fleet.count(NodeMode.PROVISIONED) == NODES,
          () -> "fleet " + fleet.countsByMode() + ", states " + p.operator().countsByState());

      Result nodes = cli("nodes", "--config", config.toString());
      assertEquals(0, nodes.exit(), nodes.err());
      assertTrue(nodes.out().contains("PROVISIONED=" + NODES), nodes.out());
      Result status = cli("status", "node-00002.fleet.example.net", "--config", config.toString());
      assertEquals(0, status.exit(), status.err());
      assertTrue(status.out().contains("PROVISIONED"), status.out());
    }
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedWithOneLineNamingTheTargetAndTheSetting()
      throws IOException {
    Path config = configFile("rogue", temporalYaml(rogue));
    Result r = cli("nodes", "--config", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertOneLineNaming(r.err(), server.target(), "temporal.tls.cert_file", "refused our client");
  }

  @Test
  void withoutAClientCertificateTheMessageNamesTheCertificateSetting() throws IOException {
    Path config = configFile("no-cert", temporalYaml(null));
    Result r = cli("nodes", "--config", config.toString());
    assertEquals(1, r.exit(), r.out());
    assertOneLineNaming(
        r.err(), server.target(), "temporal.tls.cert_file", "requires a client certificate");
  }

  @Test
  void anUntrustedServerCertificateNamesTheCaSetting() throws IOException {
    String yaml = temporalYaml(worker).replace(serverCa.pem().toString(), rogue.cert().toString());
    Result r = cli("nodes", "--config", configFile("wrong-ca", yaml).toString());
    assertEquals(1, r.exit(), r.out());
    assertOneLineNaming(r.err(), server.target(), "temporal.tls.ca_file");
  }

  @Test
  void temporalsOwnProfileAndVariablesConnectTheSameWay() throws IOException {
    Path toml =
        Files.writeString(
            dir.resolve("temporal.toml"),
            """
            [profile.secure]
            address = "%s"
            [profile.secure.tls]
            server_ca_cert_path = "%s"
            client_cert_path = "%s"
            client_key_path = "%s"
            """
                .formatted(server.target(), serverCa.pem(), worker.cert(), worker.key()));
    ProvisionerConfig c =
        ConfigLoader.parse(
            "",
            Map.of(
                "TEMPORAL_CONFIG_FILE",
                toml.toString(),
                "TEMPORAL_PROFILE",
                "secure",
                "TEMPORAL_TLS_SERVER_NAME",
                SERVER_NAME));
    try (TemporalConnection connection =
        TemporalConnection.connect(
            c.temporal(),
            new SimpleMeterRegistry(),
            DefaultDataConverter.STANDARD_INSTANCE,
            List.of())) {
      // An operator-service call: it must carry the same TLS identity as the workflow service.
      connection.ensureSearchAttributes(c.temporal().namespace(), SearchAttributeKeys.REGISTRATION);
      assertEquals(server.target(), connection.target());
    }
  }

  private static void assertOneLineNaming(String err, String... fragments) {
    String line = err.strip();
    System.out.println("TemporalMtlsIT refused as a user sees it: " + line);
    assertFalse(line.contains("\n"), "expected one line, got:\n" + err);
    for (String fragment : fragments) {
      assertTrue(line.contains(fragment), "expected '" + fragment + "' in: " + line);
    }
  }
}
