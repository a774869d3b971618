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

/** The operator commands, run as a user would, against a real dev server, NATS and fleet. */
class OperatorCommandsIT {
  private static final String N1 = "node-00001.fleet.example.net";
  private static final String N2 = "node-00002.fleet.example.net";
  private static final String N3 = "node-00003.fleet.example.net";

  record Result(int exit, String out, String err) {}

  private String target;

  private Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--temporal";
    all[args.length + 1] = target;
    int exit = cli.execute(all);
    return new Result(exit, out.toString(), err.toString());
  }

  private static String get(int port, String path) {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + path))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long state(Provisioner p, String state) {
    return p.operator().countsByState().get(state);
  }

  @Test
  void statusRetryCancelPauseResumeAndNodesWorkOnALiveFleet(@TempDir Path gates) throws Exception {
    Path helper = Path.of("src/test/resources/helpers/gated.py").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      target = temporal.target();
      ProvisionerConfig config =
          ConfigLoader.parse(
              """
          helper: "/usr/bin/python3 %s %s"
          token: ops
          interval: 1h
          loglevel: warn
          temporal: {target: "%s"}
          nats: {servers: ["%s"]}
          defer: {initial_delay: 1h, max_delay: 2h, max_attempts: 5}
          monitor_port: %d
          monitor_address: 127.0.0.1
          site: ops
          """
                  .formatted(
                      helper,
                      gates,
                      temporal.target(),
                      nats.url(),
                      io.fleetwright.devstack.FreePorts.next()));
      try (Provisioner p = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(3)
                  .natsUrl(nats.url())
                  .token("ops")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> state(p, "DEFERRED") == 3,
            () -> p.operator().countsByState().toString());

        Result status = cli("status", N1);
        assertEquals(0, status.exit(), status.err());
        assertTrue(
            status.out().contains("DEFERRED") && status.out().contains("waiting for the gate"),
            status.out());
        assertTrue(
            status.out().matches("(?s).*found by: +(lifecycle|registration|broadcast)\n.*"),
            status.out());

        Files.createFile(gates.resolve(N1));
        Result retry = cli("retry", N1);
        assertEquals(0, retry.exit(), retry.err());
        fleet.awaitMode(N1, NodeMode.PROVISIONED, Duration.ofMinutes(2));
        Await.until(
            Duration.ofMinutes(1),
            () -> state(p, "PROVISIONED") == 1,
            () -> p.operator().countsByState().toString());
        Result again = cli("retry", N1);
        assertEquals(1, again.exit(), again.out());
        assertTrue(again.err().contains("nothing to retry"), again.err());

        Result cancel = cli("cancel", N2);
        assertEquals(0, cancel.exit(), cancel.err());
        Await.until(
            Duration.ofMinutes(1),
            () -> state(p, "CANCELLED") == 1,
            () -> p.operator().countsByState().toString());
        Result restart = cli("retry", N2);
        assertEquals(0, restart.exit(), restart.err());
        assertTrue(restart.out().contains("CANCELED"), restart.out());
        Await.until(
            Duration.ofMinutes(1),
            () -> state(p, "DEFERRED") == 2,
            () -> p.operator().countsByState().toString());

        Result pause = cli("pause", "--reason", "change freeze");
        assertEquals(0, pause.exit(), pause.err());
        Await.until(
            Duration.ofMinutes(1),
            () -> cli("status", N3).out().contains("(paused)"),
            () -> cli("status", N3).out());
        Files.createFile(gates.resolve(N3));
        Result pausedRetry = cli("retry", N3);
        assertTrue(pausedRetry.out().contains("after resume"), pausedRetry.out());
        assertEquals(NodeMode.PROVISIONING, fleet.node(N3).orElseThrow().mode());

        Result resume = cli("resume");
        assertEquals(0, resume.exit(), resume.err());
        fleet.awaitMode(N3, NodeMode.PROVISIONED, Duration.ofMinutes(2));

        Result deferred = cli("nodes", "--state", "DEFERRED");
        assertEquals(0, deferred.exit(), deferred.err());
        assertTrue(deferred.out().contains(N2) && !deferred.out().contains(N1), deferred.out());
        assertTrue(deferred.out().contains("PROVISIONED=2"), deferred.out());

        int port = p.monitorPort().orElseThrow();
        assertTrue(get(port, "/healthz").startsWith("{\"status\":\"ok\""), get(port, "/healthz"));
        Await.until(
            Duration.ofSeconds(30),
            () -> get(port, "/metrics").contains("choria_provisioner_deferred_total"),
            () -> "no deferred counter yet");
        String metrics = get(port, "/metrics");
        for (String name :
            new String[] {
              "choria_provisioner_provisioned_total{site=\"ops\"} 2.0",
              "choria_provisioner_discovered_total",
              "choria_provisioner_rpc_time_seconds_bucket",
              "choria_provisioner_helper_time_seconds_bucket",
              "choria_provisioner_nodes{",
              "choria_provisioner_waiting_nodes",
              "choria_provisioner_paused",
              "choria_provisioner_nodes_finished_total",
              "temporal_workflow_task_schedule_to_start",
              "temporal_worker_task_slots_available"
            }) {
          assertTrue(metrics.contains(name), "missing " + name + " in /metrics");
        }
      }
    }
  }
}
