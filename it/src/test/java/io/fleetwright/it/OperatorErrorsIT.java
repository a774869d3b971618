package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.config.ProvisionInputs;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.protocol.NodeIdentity;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator commands' errors from issue 18, against a real dev server, NATS and fleet, with an
 * encrypted history: {@code status} without the codec key, {@code cancel} on an ended node, {@code
 * status} with no worker polling, and {@code nodes} with two runs of one node; plus {@code --json}.
 */
class OperatorErrorsIT {
  private static final String N1 = "node-00001.fleet.example.net";
  private static final String N2 = "node-00002.fleet.example.net";
  private static final String IDLE = "idle.fleet.example.net";

  record Result(int exit, String out, String err) {}

  @TempDir Path dir;
  private String target;

  private Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--temporal", target));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void operatorErrorsNameTheCauseAndTheFix() throws Exception {
    Path helper = Path.of("src/test/resources/helpers/gated.py").toAbsolutePath();
    Path gates = Files.createDirectory(dir.resolve("gates"));
    Files.createFile(gates.resolve(N1));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path keyFile =
        Files.writeString(dir.resolve("codec.key"), Base64.getEncoder().encodeToString(key));
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      target = temporal.target();
      String yaml =
          """
          helper: "/usr/bin/python3 %s %s"
          token: ops
          interval: 1h
          loglevel: warn
          temporal: {target: "%s"}
          nats: {servers: ["%s"]}
          defer: {initial_delay: 1h, max_delay: 2h, max_attempts: 5}
          codec: {key_file: "%s"}
          monitor_port: %d
          monitor_address: 127.0.0.1
          """
              .formatted(helper, gates, target, nats.url(), keyFile, FreePorts.next());
      Path configFile = Files.writeString(dir.resolve("provisioner.yaml"), yaml);
      String cfg = configFile.toString();
      ProvisionerConfig config = ConfigLoader.parse(yaml);
      try (Provisioner p = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(2)
                  .natsUrl(nats.url())
                  .token("ops")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        fleet.awaitMode(N1, NodeMode.PROVISIONED, Duration.ofMinutes(1));
        Await.until(
            Duration.ofMinutes(1),
            () ->
                p.operator().countsByState().get("PROVISIONED") == 1
                    && p.operator().countsByState().get("DEFERRED") == 1,
            () -> p.operator().countsByState().toString());

        Result noKey = cli("status", N1);
        assertEquals(1, noKey.exit(), noKey.out() + noKey.err());
        assertTrue(
            noKey.err().contains("history is encrypted and this command has no codec key")
                && noKey.err().contains("codec.key_file")
                && noKey.err().contains("FLEETWRIGHT_CODEC_KEY"),
            noKey.err());

        JsonNode status =
            new ObjectMapper().readTree(cli("status", N1, "--json", "--config", cfg).out());
        assertEquals(N1, status.path("identity").asText(), status.toString());
        assertEquals("PROVISIONED", status.path("state").asText(), status.toString());
        assertTrue(status.path("live").asBoolean(), status.toString());
        assertTrue(status.path("steps").size() > 0, status.toString());

        Result ended = cli("cancel", N1, "--config", cfg);
        assertEquals(1, ended.exit(), ended.out() + ended.err());
        assertTrue(ended.err().contains(N1 + " already ended in state PROVISIONED"), ended.err());

        Result cancel = cli("cancel", N2, "--config", cfg);
        assertEquals(0, cancel.exit(), cancel.err());
        Await.until(
            Duration.ofMinutes(1),
            () -> p.operator().countsByState().get("CANCELLED") == 1,
            () -> p.operator().countsByState().toString());
        Result retry = cli("retry", N2, "--config", cfg);
        assertEquals(0, retry.exit(), retry.err());
        Await.until(
            Duration.ofMinutes(1),
            () -> p.operator().countsByState().get("DEFERRED") == 1,
            () -> p.operator().countsByState().toString());
        Result nodes = cli("nodes", "--config", cfg);
        assertEquals(0, nodes.exit(), nodes.err());
        assertEquals(
            1,
            nodes.out().lines().filter(l -> l.startsWith(N2)).count(),
            "one line: " + nodes.out());
        assertTrue(
            nodes.out().lines().anyMatch(l -> l.startsWith(N2) && l.contains("DEFERRED")),
            nodes.out());
        JsonNode list = new ObjectMapper().readTree(cli("nodes", "--json", "--config", cfg).out());
        assertEquals(2, list.path("nodes").size(), list.toString());
        assertEquals(1, list.path("counts").path("CANCELLED").asLong(), list.toString());
      }

      startWithoutWorker(config, "nobody-polls");
      Result idle = cli("status", IDLE, "--config", cfg);
      assertEquals(1, idle.exit(), idle.out() + idle.err());
      assertTrue(
          idle.err().contains("no worker is polling task queue nobody-polls")
              && idle.err().contains("provisioner run"),
          idle.err());
      assertTrue(idle.out().contains("state:        DISCOVERED"), idle.out());
    }
  }

  /** A node run on a task queue no worker ever polled, as after a worker was never started. */
  private void startWithoutWorker(ProvisionerConfig config, String queue) {
    try (TemporalConnection connection =
        TemporalConnection.connect(
            target, "default", new SimpleMeterRegistry(), DefaultDataConverter.STANDARD_INSTANCE)) {
      ProvisionInput input = ProvisionInputs.of(config, NodeIdentity.of(IDLE), "cli");
      NodeProvisioningWorkflow stub =
          connection
              .client()
              .newWorkflowStub(
                  NodeProvisioningWorkflow.class, NodeWorkflowOptions.forNode(input, queue));
      WorkflowClient.start(stub::provision, input);
    }
  }
}
