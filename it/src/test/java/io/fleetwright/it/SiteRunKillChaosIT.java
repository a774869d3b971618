package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.SiteCommand;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.PuppetProfile;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A site run over a 3-level site of 300 emulated nodes whose worker is killed with SIGKILL mid-run
 * and started again completes, and no node of a batch that had finished ran Puppet twice.
 */
class SiteRunKillChaosIT {
  private static final int NODES = 300;

  @Test
  void aSiteRunWhoseWorkerIsKilledCompletesWithoutRerunningFinishedBatches(@TempDir Path dir)
      throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path config =
          ChaosFleet.writeConfig(dir, "worker", '"' + nats.url() + '"', temporal.target());
      Files.writeString(
          config, "site_collective: mcollective\n", java.nio.file.StandardOpenOption.APPEND);
      Path site = SiteRunItSite.write(dir, NODES);
      try (WorkerProcess worker =
              WorkerProcess.start(config, ChaosResults.log("SiteRunKillChaosIT"));
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .identityPattern("node-%05d.lab.local")
                  .seed(13)
                  .nodesPerConnection(100)
                  .provisionedIn(List.of("mcollective"))
                  .puppet(
                      PuppetProfile.defaults()
                          .withRunTime(Duration.ofMillis(1500), Duration.ofMillis(2500)))
                  .build()
                  .start()) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run =
            CompletableFuture.supplyAsync(
                () -> {
                  CommandLine cli = new CommandLine(new SiteCommand());
                  cli.setOut(new PrintWriter(out, true));
                  cli.setErr(new PrintWriter(err, true));
                  return cli.execute(
                      "run",
                      "--yes",
                      "--temporal",
                      temporal.target(),
                      site.toString(),
                      "--batch",
                      "50%",
                      "--run-id",
                      "killed");
                });
        String log = worker.log().toString();
        // Kill once the second group runs: every batch of the first group has finished by then.
        Await.until(
            Duration.ofMinutes(5),
            () -> runs(fleet, 21, 100) > 0,
            () -> "the app group to start; runs so far " + runs(fleet, 1, NODES) + "; " + log,
            () -> worker.threadDump("the app group did not start"));
        worker.kill();
        Instant killed = Instant.now();
        Map<String, Integer> before = runsByNode(fleet);
        int affected = (int) before.values().stream().filter(n -> n == 0).count();
        worker.startAgain();
        Await.until(
            Duration.ofMinutes(8),
            run::isDone,
            () -> "the site run to end; " + out + err + log,
            () -> worker.threadDump("the site run did not end"));
        Duration recovery = Duration.between(killed, Instant.now());
        int exit = run.join();
        List<String> rerunFinished =
            fleet.nodes(n -> n.index() <= 20 && n.puppetRunStarts().size() != 1).stream()
                .map(n -> n.identity() + "=" + n.puppetRunStarts().size())
                .toList();
        long neverRan = fleet.nodes(n -> n.puppetRunStarts().isEmpty()).size();
        ChaosCounts counts = ChaosCounts.of(fleet);
        ChaosResults.record(
            "worker killed with SIGKILL mid site run (300 nodes, 3 levels)",
            1,
            affected,
            rerunFinished.size() + (int) neverRan,
            counts.configuredTwice(),
            counts.restartedTwice(),
            recovery);
        assertEquals(0, exit, out + "\n" + err + "\nworker log " + log);
        assertTrue(out.toString().contains("Puppet ran on all 300 nodes"), out.toString());
        assertEquals(List.of(), rerunFinished, "nodes of finished batches that ran twice");
        assertEquals(0, neverRan, "nodes that never ran");
        assertEquals(0, counts.configuredTwice(), "nodes configured again: " + counts);
        assertEquals(0, counts.restartedTwice(), "nodes restarted again: " + counts);
        for (FleetNode node : fleet.nodes()) {
          if (before.get(node.identity()) == 0) {
            assertEquals(1, node.puppetRunStarts().size(), node.identity() + " started after kill");
          }
        }
      }
    }
  }

  private static int runs(Fleet fleet, int from, int to) {
    return fleet.nodes(n -> n.index() >= from && n.index() <= to).stream()
        .mapToInt(n -> n.puppetRunStarts().size())
        .sum();
  }

  private static Map<String, Integer> runsByNode(Fleet fleet) {
    return fleet.nodes().stream()
        .collect(Collectors.toMap(FleetNode::identity, n -> n.puppetRunStarts().size()));
  }
}
