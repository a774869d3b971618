package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.SiteCommand;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.PuppetProfile;
import io.fleetwright.testing.Fixtures;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code provisioner site run} on real parts: nats-server, the Temporal dev server, the provisioner
 * and 300 emulated, already provisioned nodes in a three-level site (20 databases, 80 app servers,
 * 200 web servers).
 */
class SiteRunIT {
  private static final int NODES = 300;
  private static NatsServer nats;
  private static TemporalDevServer temporal;
  private static Provisioner provisioner;
  private static ProvisionerConfig config;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    nats = Fixtures.startNats();
    temporal = Fixtures.startTemporal();
    config =
        ConfigLoader.parse(
            """
                helper: "/usr/bin/python3 %s %s"
                token: it-token
                site: it
                identity: fleetwright.it
                workers: 64
                loglevel: warn
                site_collective: mcollective
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
    provisioner = Provisioner.start(config);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {provisioner, temporal, nats}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("closing " + c + ": " + e);
      }
    }
  }

  static String identity(int i) {
    return String.format("node-%05d.lab.local", i);
  }

  /** Nodes 1-20 are databases, 21-100 app servers using one database, 101-300 web servers. */
  static Path siteFile(String name) throws Exception {
    StringBuilder json = new StringBuilder("{\"environment\":\"production\",");
    json.append("\"applications\":{\"Shop[main]\":{");
    List<String> components = new ArrayList<>();
    for (int i = 1; i <= NODES; i++) {
      String node = identity(i);
      String component;
      if (i <= 20) {
        component =
            "\"Shop::Db[%d]\":{\"node\":\"%s\",\"produces\":[\"Sql[%d]\"]}".formatted(i, node, i);
      } else if (i <= 100) {
        component =
            "\"Shop::App[%d]\":{\"node\":\"%s\",\"produces\":[\"Http[%d]\"],\"consumes\":[\"Sql[%d]\"]}"
                .formatted(i, node, i, 1 + i % 20);
      } else {
        component =
            "\"Shop::Web[%d]\":{\"node\":\"%s\",\"consumes\":[\"Http[%d]\"]}"
                .formatted(i, node, 21 + i % 80);
      }
      components.add(component);
    }
    json.append(String.join(",", components)).append("}},");
    json.append(
        "\"policy\":{\"pollIntervalSeconds\":1,\"startTimeoutSeconds\":30,"
            + "\"runTimeoutSeconds\":60}}");
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, json);
    return file;
  }

  static Fleet fleet() {
    return Fleet.builder()
        .nodes(NODES)
        .natsUrl(nats.url())
        .identityPattern("node-%05d.lab.local")
        .seed(11)
        .nodesPerConnection(100)
        .provisionedIn(List.of("mcollective"))
        .puppet(
            PuppetProfile.defaults().withRunTime(Duration.ofMillis(200), Duration.ofMillis(800)))
        .build()
        .start();
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SiteCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("run", "--yes", "--temporal", temporal.target()));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void runsEveryNodeOnceInDependencyOrderAndEnablesThemAgain() throws Exception {
    try (Fleet fleet = fleet()) {
      long began = System.nanoTime();
      Run run = run(siteFile("clean").toString(), "--batch", "50%", "--run-id", "clean");
      double seconds = (System.nanoTime() - began) / 1e9;

      assertEquals(0, run.exit(), run.out() + run.err());
      assertTrue(run.out().contains("Puppet ran on all 300 nodes"), run.out());
      for (FleetNode node : fleet.nodes()) {
        assertEquals(1, node.puppetRunStarts().size(), node.identity() + " runs");
        assertTrue(node.puppetEnabled(), node.identity() + " enabled again");
      }
      Instant dbLast = lastStart(fleet, 1, 20);
      Instant appFirst = firstStart(fleet, 21, 100);
      Instant appLast = lastStart(fleet, 21, 100);
      Instant webFirst = firstStart(fleet, 101, 300);
      assertTrue(dbLast.isBefore(appFirst), dbLast + " vs " + appFirst);
      assertTrue(appLast.isBefore(webFirst), appLast + " vs " + webFirst);
      System.out.printf(
          "{\"bench\":\"site-run-300\",\"seconds\":%.2f,\"groups\":3,\"batchesPerGroup\":2}%n",
          seconds);
    }
  }

  @Test
  void stopsAtTheFailureBudgetNamingTheFailedNodesAndLeavesTheSiteDisabled() throws Exception {
    try (Fleet fleet = fleet()) {
      List<String> failing = List.of(identity(30), identity(31));
      failing.forEach(n -> fleet.node(n).orElseThrow().failPuppetRuns(true));

      Run run = run(siteFile("failing").toString(), "--run-id", "failing");

      assertEquals(1, run.exit(), run.out() + run.err());
      for (String node : failing) {
        assertTrue(run.err().contains(node + ": Puppet run had 2 failed resources"), run.err());
      }
      for (FleetNode node : fleet.nodes()) {
        assertTrue(!node.puppetEnabled(), node.identity() + " must stay disabled");
        int expected = node.index() <= 100 ? 1 : 0;
        assertEquals(expected, node.puppetRunStarts().size(), node.identity() + " runs");
      }
    }
  }

  @Test
  void aLongRunContinuesAsNewWithinItsCountBudgetAndRunsEachNodeOnce() throws Exception {
    try (Fleet fleet = fleet()) {
      List<String> failing = List.of(identity(150), identity(250));
      failing.forEach(n -> fleet.node(n).orElseThrow().failPuppetRuns(true));

      Run run =
          run(
              siteFile("continued").toString(),
              "--batch",
              "25",
              "--max-failures",
              "2",
              "--events-per-run",
              "150",
              "--run-id",
              "continued");

      assertEquals(0, run.exit(), run.out() + run.err());
      assertTrue(run.err().contains("2 nodes failed, within the failure budget"), run.err());
      for (FleetNode node : fleet.nodes()) {
        assertEquals(1, node.puppetRunStarts().size(), node.identity() + " runs");
        assertEquals(
            !failing.contains(node.identity()),
            node.puppetEnabled(),
            node.identity() + " enabled unless it failed");
      }
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      long runs;
      try {
        runs =
            WorkflowClient.newInstance(stubs)
                .listExecutions("WorkflowId = 'site/production/continued'")
                .count();
      } finally {
        stubs.shutdownNow();
      }
      assertTrue(runs > 2, "expected the run to continue as new several times, saw " + runs);
    }
  }

  /** A {@code site} subcommand other than {@code run}, against the test's server. */
  static Run site(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SiteCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--temporal", temporal.target()));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * A small three-level site of 8 of the fleet's nodes (2 databases, 2 app servers, 4 web servers)
   * with the canary gate on, so that the steering commands, not the site's size, are under test.
   */
  static Path gatedSiteFile(String name) throws Exception {
    List<String> components = new ArrayList<>();
    for (int i : List.of(1, 2)) {
      components.add(
          "\"Shop::Db[%d]\":{\"node\":\"%s\",\"produces\":[\"Sql[%d]\"]}"
              .formatted(i, identity(i), i));
    }
    for (int i : List.of(21, 22)) {
      components.add(
          "\"Shop::App[%d]\":{\"node\":\"%s\",\"produces\":[\"Http[%d]\"],\"consumes\":[\"Sql[%d]\"]}"
              .formatted(i, identity(i), i, i - 20));
    }
    for (int i : List.of(101, 102, 103, 104)) {
      components.add(
          "\"Shop::Web[%d]\":{\"node\":\"%s\",\"consumes\":[\"Http[%d]\"]}"
              .formatted(i, identity(i), 21 + i % 2));
    }
    String json =
        "{\"environment\":\"production\",\"applications\":{\"Shop[main]\":{"
            + String.join(",", components)
            + "}},\"policy\":{\"pauseAfterFirstBatch\":true,\"pollIntervalSeconds\":1,"
            + "\"startTimeoutSeconds\":30,\"runTimeoutSeconds\":60}}";
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, json);
    return file;
  }

  /**
   * Starts {@code site run} in the background. Its progress stream is slowed to one query an hour:
   * the test asks {@code site status} itself, only while the run rests at a gate.
   */
  static java.util.concurrent.CompletableFuture<Run> start(String... args) {
    List<String> all = new ArrayList<>(List.of("--poll", "PT1H"));
    all.addAll(List.of(args));
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> run(all.toArray(String[]::new)));
  }

  /** Waits until {@code site status RUN-ID} answers with this text. */
  static void awaitStatus(String runId, String text) {
    io.fleetwright.testing.Await.until(
        Duration.ofMinutes(2),
        () -> {
          Run status = site("status", runId);
          return status.exit() == 0 && status.out().contains(text);
        },
        () -> site("status", runId).toString());
  }

  private static int puppetRuns(Fleet fleet) {
    return fleet.nodes().stream().mapToInt(n -> n.puppetRunStarts().size()).sum();
  }

  @Test
  void anOperatorApprovesPausesResumesAndAbortsRunsFromTheCli() throws Exception {
    try (Fleet fleet = fleet()) {
      var gated =
          start(gatedSiteFile("gated").toString(), "--batch", "1,100%", "--run-id", "gated");
      io.fleetwright.testing.Await.until(
          Duration.ofMinutes(2), () -> puppetRuns(fleet) == 1, () -> "runs " + puppetRuns(fleet));
      awaitStatus("gated", "batch 1/2 awaiting approval: ran 1,");
      assertTrue(site("status", "gated").out().contains("status: RUNNING"));

      Run pause = site("pause", "gated");
      assertEquals(0, pause.exit(), pause.err());
      Run approve = site("approve", "site/production/gated");
      assertEquals(0, approve.exit(), approve.err());
      assertTrue(approve.out().startsWith("site/production/gated: approved"), approve.out());
      awaitStatus("gated", " paused:");
      assertEquals(1, puppetRuns(fleet), "a paused run starts no batch");
      Run resume = site("resume", "gated");
      assertEquals(0, resume.exit(), resume.err());

      Run finished = gated.get(3, java.util.concurrent.TimeUnit.MINUTES);
      assertEquals(0, finished.exit(), finished.out() + finished.err());
      Run status = site("status", "gated", "--json");
      assertEquals(0, status.exit(), status.err());
      assertTrue(
          status.out().contains("\"status\":\"COMPLETED\"")
              && status.out().contains("\"succeeded\":true")
              && status.out().contains("\"ran\":8"),
          status.out());
      Run late = site("approve", "gated");
      assertEquals(1, late.exit(), late.out());
      assertTrue(late.err().contains("is not running: it ended COMPLETED"), late.err());

      var aborted =
          start(gatedSiteFile("aborted").toString(), "--batch", "1,100%", "--run-id", "aborted");
      io.fleetwright.testing.Await.until(
          Duration.ofMinutes(2), () -> puppetRuns(fleet) == 9, () -> "runs " + puppetRuns(fleet));
      Run abort = site("abort", "aborted", "--reason", "the canary looks wrong");
      assertEquals(0, abort.exit(), abort.err());
      Run ended = aborted.get(2, java.util.concurrent.TimeUnit.MINUTES);
      // Aborted is not done: exit 1, as for failed nodes (0 done, 1 failed, 2 usage).
      assertEquals(1, ended.exit(), ended.out() + ended.err());
      assertTrue(ended.err().contains("the canary looks wrong"), ended.err());
      assertEquals(9, puppetRuns(fleet), "8 runs of the approved run, 1 canary of the aborted one");
      Run unknown = site("status", "no-such-run");
      assertEquals(1, unknown.exit(), unknown.out());
      assertTrue(unknown.err().contains("no site run with ID no-such-run"), unknown.err());
    }
  }

  private static Instant lastStart(Fleet fleet, int from, int to) {
    return starts(fleet, from, to).stream().max(Instant::compareTo).orElseThrow();
  }

  private static Instant firstStart(Fleet fleet, int from, int to) {
    return starts(fleet, from, to).stream().min(Instant::compareTo).orElseThrow();
  }

  private static List<Instant> starts(Fleet fleet, int from, int to) {
    List<Instant> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.addAll(fleet.node(identity(i)).orElseThrow().puppetRunStarts());
    }
    return out;
  }
}
