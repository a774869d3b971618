package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.discovery.NodeStarter;
import io.fleetwright.app.discovery.TemporalNodeRuns;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.micrometer.core.instrument.Counter;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Per-node approval end to end: a helper script that asks for approval, the emulated fleet, a real
 * dev server, and {@code provisioner approve|reject|status|retry} run as a user runs them.
 */
class ApprovalIT {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final String N1 = "node-00001.approve.example.net";
  private static final String N2 = "node-00002.approve.example.net";
  private static final String N3 = "node-00003.approve.example.net";

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
    return new Result(cli.execute(all), out.toString(), err.toString());
  }

  private static long count(Provisioner p, String state) {
    return p.operator().countsByState().get(state);
  }

  @Test
  void operatorsApproveRejectAndRetryNodesWhoseHelperAskedForApproval() {
    Path helper = Path.of("src/test/resources/helpers/approval.py").toAbsolutePath();
    assertTrue(Files.isRegularFile(helper), helper.toString());
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      target = temporal.target();
      try (Provisioner p =
              Provisioner.start(
                  ConfigLoader.parse(
                      """
                      helper: "/usr/bin/python3 %s"
                      token: approve
                      interval: 1h
                      loglevel: warn
                      temporal: {target: "%s"}
                      nats: {servers: ["%s"]}
                      approval: {timeout: 1d, on_timeout: fail}
                      """
                          .formatted(helper, temporal.target(), nats.url())));
          Fleet fleet =
              Fleet.builder()
                  .nodes(3)
                  .natsUrl(nats.url())
                  .token("approve")
                  .identityPattern("node-%05d.approve.example.net")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            WAIT,
            () -> count(p, "AWAITING_APPROVAL") == 3,
            () -> p.operator().countsByState().toString());
        Result waiting = cli("status", N1);
        assertEquals(0, waiting.exit(), waiting.err());
        assertTrue(
            waiting.out().contains("state:        AWAITING_APPROVAL")
                && waiting
                    .out()
                    .contains(
                        "approval:     PENDING (helper asked: rack r7 is not in the CMDB yet)"),
            waiting.out());
        assertEquals(NodeMode.PROVISIONING, fleet.node(N1).orElseThrow().mode());

        Result approve = cli("approve", N1, "--reason", "rack checked");
        assertEquals(0, approve.exit(), approve.err());
        assertTrue(
            approve.out().startsWith(N1 + ": APPROVED by ")
                && approve.out().contains(": rack checked (helper asked: rack r7"),
            approve.out());
        fleet.awaitMode(N1, NodeMode.PROVISIONED, WAIT);

        Result reject = cli("reject", N2, "--reason", "not our rack");
        assertEquals(0, reject.exit(), reject.err());
        NodeStarter.LastRun rejected = awaitClosed(p, N2);
        assertEquals(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, rejected.status());
        assertEquals("REJECTED", rejected.state());
        Result status = cli("status", N2);
        assertTrue(
            status.out().contains("state:        REJECTED")
                && status.out().contains("approval:     REJECTED by ")
                && status.out().contains(": not our rack (helper asked: "),
            status.out());
        Result late = cli("approve", N2);
        assertEquals(1, late.exit(), late.out());
        assertTrue(
            late.err().startsWith("no running workflow provision/" + N2 + " to approve"),
            late.err());

        double waitingBefore = sightings(p);
        awaitSecondAfter(rejected.closedAt());
        fleet.node(N2).orElseThrow().reboot();
        Await.until(
            WAIT,
            () -> sightings(p) > waitingBefore,
            () -> "no sighting of the rebooted " + N2 + " was left to an operator");
        assertEquals(rejected, runs(p).latest(N2), "discovery started a rejected node again");

        Result all = cli("approve", "--all-waiting");
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().startsWith(N3 + ": APPROVED by "), all.out());
        fleet.awaitMode(N3, NodeMode.PROVISIONED, WAIT);
        Await.until(
            WAIT,
            () -> count(p, "PROVISIONED") == 2 && count(p, "REJECTED") == 1,
            () -> p.operator().countsByState().toString());
        Result none = cli("approve", "--all-waiting");
        assertEquals(0, none.exit(), none.err());
        assertEquals("no node is AWAITING_APPROVAL", none.out().strip());

        Result retry = cli("retry", N2);
        assertEquals(0, retry.exit(), retry.err());
        assertTrue(retry.out().contains("COMPLETED; started run"), retry.out());
        Await.until(
            WAIT,
            () -> count(p, "AWAITING_APPROVAL") == 1,
            () -> p.operator().countsByState().toString());
        assertEquals(NodeMode.PROVISIONING, fleet.node(N2).orElseThrow().mode());
      }
    }
  }

  private static TemporalNodeRuns runs(Provisioner p) {
    return new TemporalNodeRuns(p.client(), "unused");
  }

  private static NodeStarter.LastRun awaitClosed(Provisioner p, String node) {
    NodeStarter.LastRun[] last = new NodeStarter.LastRun[1];
    Await.until(
        WAIT,
        () -> {
          last[0] = runs(p).latest(node);
          return last[0].closedAt() != null;
        },
        () -> node + ": " + last[0]);
    return last[0];
  }

  private static double sightings(Provisioner p) {
    Counter counter =
        p.registry()
            .find("choria_provisioner_sightings")
            .tag("outcome", "waiting_for_operator")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static void awaitSecondAfter(Instant instant) {
    Await.until(
        Duration.ofSeconds(5),
        () -> Instant.now().getEpochSecond() > instant.getEpochSecond(),
        () -> "the clock to pass " + instant);
  }
}
