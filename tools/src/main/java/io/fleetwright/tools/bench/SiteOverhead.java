package io.fleetwright.tools.bench;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.SiteCommand;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.PuppetProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Orchestration overhead of a site run: wall time of {@code site run} over a chain of groups,
 * divided by the sum over groups of the slowest node's Puppet run (what a perfect orchestrator
 * would take).
 */
final class SiteOverhead {
  private static final long SEED = 5;
  private static final PuppetProfile PROFILE =
      PuppetProfile.defaults().withRunTime(Duration.ofMillis(500), Duration.ofMillis(1500));

  /** The figures of one site run. */
  record Result(int nodes, int groups, double wallSeconds, double idealSeconds) {
    double overhead() {
      return idealSeconds > 0 ? wallSeconds / idealSeconds : Double.NaN;
    }
  }

  private SiteOverhead() {}

  static Result measure(String natsUrl, String temporalTarget, Path dir, int nodes, int groups)
      throws Exception {
    Files.createDirectories(dir);
    ProvisionerConfig config =
        ConfigLoader.parse(
            """
            helper: "%s"
            identity: fleetwright.bench
            workers: 64
            loglevel: warn
            temporal:
              target: "%s"
            nats:
              servers: ["%s"]
            """
                .formatted(BenchFiles.shHelper(dir), temporalTarget, natsUrl));
    try (Provisioner provisioner = Provisioner.start(config);
        Fleet fleet =
            Fleet.builder()
                .nodes(nodes)
                .natsUrl(natsUrl)
                .identityPattern("node-%05d.lab.local")
                .seed(SEED)
                .nodesPerConnection(250)
                .provisionedIn(List.of("mcollective"))
                .puppet(PROFILE)
                .build()
                .start()) {
      Path file = site(dir, nodes, groups);
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
              temporalTarget,
              "--run-id",
              "bench-" + began,
              file.toString());
      double wall = (System.nanoTime() - began) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException("site run failed (exit " + exit + "): " + out);
      }
      return new Result(nodes, groups, wall, ideal(nodes, groups));
    }
  }

  private static double ideal(int nodes, int groups) {
    double ideal = 0;
    int perGroup = nodes / groups;
    for (int g = 0; g < groups; g++) {
      long slowest = 0;
      for (int i = g * perGroup + 1; i <= (g + 1) * perGroup; i++) {
        slowest = Math.max(slowest, PROFILE.runTime(SEED, i).toMillis());
      }
      ideal += slowest / 1000.0;
    }
    return ideal;
  }

  /** Group g (0-based) holds nodes g*n+1..(g+1)*n; each consumes a capability of group g-1. */
  private static Path site(Path dir, int nodes, int groups) {
    List<String> components = new ArrayList<>();
    int perGroup = nodes / groups;
    for (int i = 1; i <= nodes; i++) {
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
    try {
      Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }
}
