package io.fleetwright.tools.demo;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.cli.Logging;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.fleet.Fleet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provisioner demo}: a local nats-server and Temporal dev server, an emulated fleet and the
 * worker, provisioning every node with a ready example helper. Ends with the line scripts read.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Provision an emulated fleet end to end on a local NATS and Temporal dev server.")
public final class DemoCommand implements Callable<Integer> {
  static final String TOKEN = "demo-token";

  /** How long every open run must wait in DEFERRED before the demo ends without them. */
  static final Duration REST = Duration.ofSeconds(15);

  /** How long the demo waits, after its timeout, for runs under way to end before it stops. */
  static final Duration STOP_GRACE = Duration.ofMinutes(2);

  @Option(names = "--nodes", description = "How many emulated nodes (default ${DEFAULT-VALUE}).")
  int nodes = 500;

  @Option(names = "--pki", description = "Turn on features.pki: gencsr and the built-in CA.")
  boolean pki;

  @Option(
      names = "--helper",
      paramLabel = "FILE",
      description = "Helper to run (default helpers/examples/provision.js).")
  Path helper;

  @Option(
      names = "--keep",
      description =
          "Leave nats-server, the dev server and its Web UI's codec endpoint running after.")
  boolean keep;

  /** Ports other than 4222, 7233 and 8233, for tests beside other servers: NATS,TEMPORAL,UI. */
  @Option(names = "--ports", hidden = true, split = ",", paramLabel = "NATS,TEMPORAL,UI")
  List<Integer> ports = List.of(LocalStack.NATS_PORT, LocalStack.TEMPORAL_PORT, LocalStack.UI_PORT);

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder for the SQLite file and logs (default data/ in the project).")
  Path data;

  @Option(
      names = "--upgrade",
      paramLabel = "VERSION",
      description =
          "Turn on features.upgrades: serve an emulated release VERSION, give every node an"
              + " upgrade_to fact the example helpers ask for, and count only nodes Temporal"
              + " recorded on VERSION.")
  String upgrade;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Give up after this long, e.g. 90s or 15m (default 15m).")
  Duration timeout = Duration.ofMinutes(15);

  @Override
  public Integer call() throws InterruptedException {
    Path home = Path.of(System.getenv().getOrDefault("FLEETWRIGHT_HOME", "."));
    Path helperFile = helper != null ? helper : home.resolve("helpers/examples/provision.js");
    if (!Files.isRegularFile(helperFile)) {
      throw new IllegalArgumentException(
          "helper " + helperFile + " does not exist; pass --helper FILE or run from the project");
    }
    PrintStream err = System.err;
    Logging.apply("warn", "stderr");
    Path dataDir = data != null ? data : home.resolve("data");
    DemoCodec codec = DemoCodec.prepare(dataDir, err);
    DemoResult result;
    try (LocalStack stack =
        LocalStack.startOrReuse(
            dataDir,
            SearchAttributeKeys.REGISTRATION,
            err,
            codec.endpointUrl(),
            new LocalStack.Ports(ports.get(0), ports.get(1), ports.get(2)))) {
      result =
          provision(
              new Endpoints(
                  stack.natsUrl(), stack.temporalTarget(), stack.dataDir(), stack.uiUrl(), codec),
              helperFile.toAbsolutePath(),
              err);
      if (keep) {
        keep(stack, codec, err);
      }
    }
    System.out.println(result.timeoutsLine());
    System.out.println(result.line());
    return result.ok() == nodes ? 0 : 1;
  }

  /**
   * Leaves the servers running, and beside a dev server started here the codec endpoint its Web UI
   * decodes through (a dev server started by an earlier demo has that demo's). Prints the process
   * IDs and how to stop them.
   */
  private static void keep(LocalStack stack, DemoCodec codec, PrintStream err) {
    boolean startedUi = stack.startedDevServer();
    List<LocalStack.Kept> kept = new java.util.ArrayList<>(stack.keep());
    if (startedUi) {
      try {
        kept.add(
            new LocalStack.Kept(
                "codec endpoint", KeptCodecEndpoint.start(codec, stack.uiUrl(), stack.dataDir())));
      } catch (RuntimeException e) {
        err.println("demo: --keep: " + e.getMessage());
      }
    }
    err.println(
        "demo: --keep: servers left running ("
            + (kept.isEmpty()
                ? "reused, none started here"
                : kept.stream().map(LocalStack.Kept::toString).collect(Collectors.joining(", ")))
            + "); Web UI "
            + stack.uiUrl().orElse("(none: in-process server)")
            + (startedUi ? " decoding payloads through " + codec.endpointHost() : ""));
    if (!kept.isEmpty()) {
      err.println(
          "demo: stop them with: kill "
              + kept.stream().map(k -> Long.toString(k.pid())).collect(Collectors.joining(" ")));
    }
  }

  /** Where the demo's servers are, so tests can run the same path on their own servers. */
  record Endpoints(
      String natsUrl,
      String temporalTarget,
      Path dataDir,
      java.util.Optional<String> uiUrl,
      DemoCodec codec) {}

  /**
   * Provisions a new fleet and reports what Temporal recorded for it. Each demo's nodes have
   * identities of their own ({@link #identityPattern}), so a demo in a data folder that holds
   * earlier demos' workflows neither meets their runs (closed or still open) nor counts them.
   */
  DemoResult provision(Endpoints stack, Path helperFile, PrintStream err)
      throws InterruptedException {
    try (DemoUpgrade upgrades =
        upgrade == null ? null : DemoUpgrade.start(upgrade, stack.dataDir())) {
      return provision(stack, helperFile, err, upgrades);
    }
  }

  private DemoResult provision(
      Endpoints stack, Path helperFile, PrintStream err, DemoUpgrade upgrades)
      throws InterruptedException {
    ProvisionerConfig config = ConfigLoader.parse(demoConfig(stack, helperFile, upgrades));
    long started = System.nanoTime();
    Instant begun = Instant.now();
    String pattern = identityPattern(begun);
    Fleet.Builder builder =
        Fleet.builder()
            .nodes(nodes)
            .natsUrl(stack.natsUrl())
            .token(TOKEN)
            .seed(42)
            .splayScale(0.05);
    builder = upgrades == null ? builder : upgrades.onFleet(builder);
    try (Provisioner provisioner = Provisioner.start(config);
        Fleet fleet = builder.identityPattern(pattern).build().start()) {
      err.println(
          "demo: "
              + nodes
              + " emulated nodes up ("
              + pattern.formatted(1)
              + " ...); provisioning with "
              + helperFile);
      Set<String> ids = new HashSet<>();
      fleet.nodes().forEach(n -> ids.add(WorkflowIds.node(n.identity())));
      // Temporal's start times come from the same clock; the margin only absorbs rounding.
      DemoRuns runs = new DemoRuns(provisioner.client(), ids, begun.minusSeconds(5));
      long deadline = started + timeout.toNanos();
      awaitRuns(runs, new Progress(err, nodes), started, deadline);
      double seconds = (System.nanoTime() - started) / 1e9;
      // No new run may start while the worker winds down; then every run must be at rest.
      provisioner.stopDiscovery();
      DemoRuns.Snapshot last = awaitRest(runs, err);
      int ok = pki ? verifiedCertificates(fleet, last, err) : last.provisioned();
      if (upgrades != null) {
        ok = Math.min(ok, upgrades.countOnVersion(provisioner.client(), last, err, nodes));
      }
      long timeouts = runs.workflowTaskTimeouts(last);
      return new DemoResult(ok, nodes, seconds, last.deferred(), last.failed(), timeouts);
    }
  }

  /** Identities no earlier demo used: node-00001.r250301-142530-042.demo.example.net and so on. */
  static String identityPattern(Instant begun) {
    return "node-%05d.r"
        + DateTimeFormatter.ofPattern("yyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(begun)
        + ".demo.example.net";
  }

  /**
   * Polls visibility until every node's run has ended, or the runs still open have all waited in
   * DEFERRED for {@link #REST}, or the deadline passes.
   */
  private static DemoRuns.Snapshot awaitRuns(
      DemoRuns runs, Progress progress, long started, long deadline) throws InterruptedException {
    DemoRuns.Snapshot seen = new DemoRuns.Snapshot(Map.of(), progress.total());
    long restingSince = 0;
    while (true) {
      seen = listedOr(runs, seen);
      long now = System.nanoTime();
      progress.show(seen.provisioned(), seen.byState(), now - started);
      restingSince = seen.atRest() ? (restingSince == 0 ? now : restingSince) : 0;
      if (seen.closed()
          || (restingSince != 0 && now - restingSince >= REST.toNanos())
          || now > deadline) {
        progress.done();
        return seen;
      }
      Thread.sleep(1000);
    }
  }

  /**
   * Describes every node's run until none is under way (each ended or waits in DEFERRED), for at
   * most {@link #STOP_GRACE}; names the runs still under way if that passes.
   */
  private static DemoRuns.Snapshot awaitRest(DemoRuns runs, PrintStream err)
      throws InterruptedException {
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    DemoRuns.Snapshot last;
    while (true) {
      last = runs.described();
      if (last.underWay().isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(1000);
    }
    List<DemoRuns.Run> busy = last.underWay();
    if (!busy.isEmpty()) {
      err.println(
          "demo: stopping the worker with "
              + busy.size()
              + " runs still under way after the timeout: "
              + busy.stream().limit(20).map(Object::toString).collect(Collectors.joining(", "))
              + (busy.size() > 20 ? ", ..." : ""));
    }
    return last;
  }

  private static DemoRuns.Snapshot listedOr(DemoRuns runs, DemoRuns.Snapshot previous) {
    try {
      return runs.listed();
    } catch (RuntimeException e) {
      return previous; // visibility answers again on the next poll
    }
  }

  /**
   * With --pki a node counts only if Temporal recorded it PROVISIONED and the certificate it got
   * verifies against the CA chain it got.
   */
  private int verifiedCertificates(Fleet fleet, DemoRuns.Snapshot last, PrintStream err) {
    int verified = 0;
    for (DemoRuns.Run run : last.latest().values()) {
      String identity = WorkflowIds.identityOf(run.workflowId()).orElseThrow();
      if (run.provisioned() && fleet.node(identity).map(CertificateCheck::verifies).orElse(false)) {
        verified++;
      }
    }
    err.println("demo: " + verified + "/" + nodes + " certificates verify against the CA chain");
    return verified;
  }

  private String demoConfig(Endpoints stack, Path helperFile, DemoUpgrade upgrades) {
    return """
        helper: "%s"
        token: %s
        site: demo
        identity: fleetwright.demo
        interval: 20s
        loglevel: warn
        workers: 64
        features:
          pki: %s
          upgrades: %s
        temporal:
          target: "%s"
        nats:
          servers: ["%s"]
        defer:
          initial_delay: 1s
          max_delay: 5s
          max_attempts: 20
        ca:
          dir: "%s"
          common_name: Fleetwright Demo CA
        monitor_address: 127.0.0.1
        """
            .formatted(
                helperFile,
                TOKEN,
                pki,
                upgrades != null,
                stack.temporalTarget(),
                stack.natsUrl(),
                stack.dataDir().resolve("ca").toAbsolutePath())
        + (upgrades == null ? "" : upgrades.configKeys())
        + stack.codec().configSection(stack.uiUrl());
  }

  /** The final line, exactly as DESIGN.md fixes it, and what the demo prints before it. */
  record DemoResult(
      int ok, int total, double seconds, long deferred, long failed, long taskTimeouts) {
    /** Read from every run's history in Temporal. */
    String timeoutsLine() {
      return "workflow task timeouts " + taskTimeouts;
    }

    String line() {
      double rate = seconds > 0 ? ok * 60.0 / seconds : 0;
      return "provisioned %d/%d nodes in %.1fs (%.0f nodes/min); deferred %d, failed %d"
          .formatted(ok, total, seconds, rate, deferred, failed);
    }
  }
}
