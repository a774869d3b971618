package io.fleetwright.app;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
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
final class DemoCommand implements Callable<Integer> {
  static final String TOKEN = "demo-token";

  @Option(names = "--nodes", description = "How many emulated nodes (default ${DEFAULT-VALUE}).")
  int nodes = 500;

  @Option(names = "--pki", description = "Turn on features.pki: gencsr and the built-in CA.")
  boolean pki;

  @Option(
      names = "--helper",
      paramLabel = "FILE",
      description = "Helper to run (default helpers/examples/provision.js).")
  Path helper;

  @Option(names = "--keep", description = "Leave nats-server and the dev server running after.")
  boolean keep;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder for the SQLite file and logs (default data/ in the project).")
  Path data;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up after this long (default ${DEFAULT-VALUE}).")
  long timeoutSeconds = 900;

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
            dataDir, SearchAttributeKeys.REGISTRATION, err, codec.endpointUrl())) {
      result =
          provision(
              new Endpoints(
                  stack.natsUrl(), stack.temporalTarget(), stack.dataDir(), stack.uiUrl(), codec),
              helperFile.toAbsolutePath(),
              err);
      if (keep) {
        stack.keep();
        err.println(
            "demo: --keep: servers left running; Web UI "
                + stack.uiUrl().orElse("(none: in-process server)"));
      }
    }
    System.out.println(result.line());
    return result.ok() == nodes ? 0 : 1;
  }

  /** Where the demo's servers are, so tests can run the same path on their own servers. */
  record Endpoints(
      String natsUrl,
      String temporalTarget,
      Path dataDir,
      java.util.Optional<String> uiUrl,
      DemoCodec codec) {}

  DemoResult provision(Endpoints stack, Path helperFile, PrintStream err)
      throws InterruptedException {
    ProvisionerConfig config = ConfigLoader.parse(demoConfig(stack, helperFile));
    long started = System.nanoTime();
    try (Provisioner provisioner = Provisioner.start(config);
        Fleet fleet =
            Fleet.builder()
                .nodes(nodes)
                .natsUrl(stack.natsUrl())
                .token(TOKEN)
                .seed(42)
                .splayScale(0.05)
                .build()
                .start()) {
      err.println("demo: " + nodes + " emulated nodes up; provisioning with " + helperFile);
      Progress progress = new Progress(err, nodes);
      long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
      Map<String, Long> states = Map.of();
      while (true) {
        int ok = fleet.count(NodeMode.PROVISIONED);
        states = countsOrEmpty(provisioner);
        progress.show(ok, states, System.nanoTime() - started);
        if (ok == nodes || System.nanoTime() > deadline || settled(states, ok)) {
          progress.done();
          double seconds = (System.nanoTime() - started) / 1e9;
          if (pki) {
            ok = verifiedCertificates(fleet, err);
          }
          return new DemoResult(
              ok,
              nodes,
              seconds,
              states.getOrDefault("DEFERRED", 0L),
              states.getOrDefault("FAILED", 0L));
        }
        Thread.sleep(250);
      }
    }
  }

  /** With --pki a node counts only if its certificate verifies against the CA chain it got. */
  private int verifiedCertificates(Fleet fleet, PrintStream err) {
    int verified = 0;
    for (var node : fleet.nodes()) {
      if (node.mode() == NodeMode.PROVISIONED && CertificateCheck.verifies(node)) {
        verified++;
      }
    }
    err.println("demo: " + verified + "/" + nodes + " certificates verify against the CA chain");
    return verified;
  }

  /** Every node has ended one way or another, so waiting longer changes nothing. */
  private boolean settled(Map<String, Long> states, int ok) {
    long failed =
        states.getOrDefault("FAILED", 0L)
            + states.getOrDefault("CANCELLED", 0L)
            + states.getOrDefault("SHUT_DOWN", 0L);
    return failed > 0 && ok + failed >= nodes;
  }

  private static Map<String, Long> countsOrEmpty(Provisioner provisioner) {
    try {
      return provisioner.operator().countsByState();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private String demoConfig(Endpoints stack, Path helperFile) {
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
                stack.temporalTarget(),
                stack.natsUrl(),
                stack.dataDir().resolve("ca").toAbsolutePath())
        + stack.codec().configSection(stack.uiUrl());
  }

  /** The final line, exactly as DESIGN.md fixes it. */
  record DemoResult(int ok, int total, double seconds, long deferred, long failed) {
    String line() {
      double rate = seconds > 0 ? ok * 60.0 / seconds : 0;
      return "provisioned %d/%d nodes in %.1fs (%.0f nodes/min); deferred %d, failed %d"
          .formatted(ok, total, seconds, rate, deferred, failed);
    }
  }
}
