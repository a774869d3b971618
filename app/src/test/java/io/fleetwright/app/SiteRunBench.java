package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.PuppetProfile;
import io.fleetwright.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Orchestration overhead of a 1,000-node, 10-group site run: wall time divided by the sum over
 * groups of the slowest node's run time. Prints one JSON line; run with {@code
 * -Dtest=SiteRunBench}.
 */
class SiteRunBench {
  private static final int NODES = 1000;
  private static final int GROUPS = 10;
  private static final long SEED = 5;
  private static final PuppetProfile PROFILE =
      PuppetProfile.defaults().withRunTime(Duration.ofMillis(500), Duration.ofMillis(1500));

  @Test
  void measuresTheOverheadOfATenGroupSite(@TempDir Path dir) throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      ProvisionerConfig config =
          ConfigLoader.parse(
              """
              helper: "/usr/bin/python3 %s %s"
              identity: fleetwright.bench
              workers: 64
              loglevel: warn
              temporal:
                target: "%s"
              nats:
                servers: ["%s"]
              """
                  .formatted(
                      Path.of("src/test/resources/helpers/scripted.py").toAbsolutePath(),
                      dir,
                      temporal.target(),
                      nats.url()));
      try (Provisioner provisioner = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .identityPattern("node-%05d.lab.local")
                  .seed(SEED)
                  .nodesPerConnection(250)
                  .provisionedIn(List.of("mcollective"))
                  .puppet(PROFILE)
                  .build()
                  .start()) {
        Path file = site(dir);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SiteCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        long began = System.nanoTime();
        int exit =
            cli.execute(
                "run",
                "--yes",
                "--temporal",
                temporal.target(),
                "--run-id",
                "bench",
                file.toString());
        double wall = (System.nanoTime() - began) / 1e9;
        assertEquals(0, exit, out.toString());
        double ideal = 0;
        int perGroup = NODES / GROUPS;
        for (int g = 0; g < GROUPS; g++) {
          long slowest = 0;
          for (int i = g * perGroup + 1; i <= (g + 1) * perGroup; i++) {
            slowest = Math.max(slowest, PROFILE.runTime(SEED, i).toMillis());
          }
          ideal += slowest / 1000.0;
        }
        System.out.printf(
            "{\"bench\":\"site-run-overhead\",\"nodes\":%d,\"groups\":%d,\"wallSeconds\":%.2f,"
                + "\"sumSlowestRunSeconds\":%.2f,\"overhead\":%.2f}%n",
            NODES, GROUPS, wall, ideal, wall / ideal);
      }
    }
  }

  /** Group g (0-based) holds nodes g*100+1..(g+1)*100; each consumes a capability of group g-1. */
  private static Path site(Path dir) throws Exception {
    List<String> components = new ArrayList<>();
    int perGroup = NODES / GROUPS;
    for (int i = 1; i <= NODES; i++) {
      int g = (i - 1) / perGroup;
      String consumes = g == 0 ? "" : ",\"consumes\":[\"Cap[%d]\"]".formatted(i - perGroup);
      components.add(
          "\"Tier::Node[%d]\":{\"node\":\"node-%05d.lab.local\",\"produces\":[\"Cap[%d]\"]%s}"
              .formatted(i, i, i, consumes));
    }
    String json =
        "{\"environment\":\"production\",\"applications\":{\"Tier[main]\":{"
            + String.join(",", components)
            + "}},\"policy\":{\"pollIntervalSeconds\":1}}";
    Path file = dir.resolve("bench-site.json");
    Files.writeString(file, json);
    return file;
  }
}
