package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalServer;
import io.fleetwright.devstack.TemporalServerOptions;
import io.fleetwright.fleet.FaultPlan;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.ThreadDumps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The stack a crash or restart test runs on, started in the order a user would start it: a real
 * nats-server, a Temporal dev server (SQLite file), the test's own Temporal client, one or more
 * {@code provisioner run} worker processes from a config written here, and then the emulated fleet.
 * Every wait fails with the fleet's counts and the workers' logs, after writing a thread dump of
 * each worker into its log and one of the test JVM (where the fleet runs) to standard output.
 *
 * <p>It lives in {@code it/}, not in {@code testing/}: it needs app's classes ({@link
 * TemporalConnection}, {@link FleetOperator}, {@link Main} for the worker process), and {@code
 * testing} is upstream of app and of fleet (which test with it), so it cannot depend on either.
 *
 * <pre>{@code
 * try (ChaosStack stack = ChaosStack.builder("WorkerKillChaosIT").nodes(2000).seed(11).start(dir)) {
 *   stack.awaitProvisioned(500, Duration.ofMinutes(10));
 *   stack.worker().kill();
 * }
 * }</pre>
 */
final class ChaosStack implements AutoCloseable {
  static final String TOKEN = ChaosFleet.TOKEN;

  /** The helper every chaos test uses unless it names another: configures every node. */
  static final Path CHAOS_HELPER = Path.of("src/test/resources/helpers/chaos.js").toAbsolutePath();

  private static final int RSA_KEY_POOL = 64;

  private final Builder options;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final List<WorkerProcess> workers = new ArrayList<>();
  private NatsServer nats;
  private TemporalDevServer temporal;
  private TemporalServer server;
  private String target;
  private TemporalConnection connection;
  private Fleet fleet;

  private ChaosStack(Builder options) {
    this.options = options;
  }

  static Builder builder(String name) {
    return new Builder(name);
  }

  private ChaosStack start(Path dir) {
    try {
      nats = keep(Fixtures.startNats());
      if (options.productionTemporal) {
        server = keep(startProductionTemporal(dir.resolve("temporal")));
        target = server.target();
      } else {
        temporal = keep(Fixtures.startTemporal());
        target = temporal.target();
      }
      connection = keep(ChaosFleet.temporal(target));
      for (int i = 1; i <= options.workers; i++) {
        String name = options.workers == 1 ? "worker" : "worker-" + i;
        Path config = writeConfig(dir, name);
        String logName = options.workers == 1 ? options.name : options.name + "-" + i;
        workers.add(keep(WorkerProcess.start(config, ChaosResults.log(logName), options.heap)));
      }
      if (options.startFleet) {
        startFleet();
      }
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Starts the fleet, when the builder said {@link Builder#fleetLater()}. */
  Fleet startFleet() {
    if (fleet != null) {
      throw new IllegalStateException("the fleet is already started");
    }
    fleet =
        keep(
            Fleet.builder()
                .nodes(options.nodes)
                .natsUrl(nats.url())
                .token(TOKEN)
                .seed(options.seed)
                .splayScale(0.02)
                .faults(options.faults)
                // With PKI on, each node makes an RSA key for gencsr; a shared pool keeps the test
                // JVM's CPU for the fleet's traffic on a small machine (the keys stay private).
                .rsaKeyPool(options.pki ? RSA_KEY_POOL : 0)
                .build()
                .start());
    return fleet;
  }

  /** The worker config: the chosen helper, /metrics on a free port, info logging. */
  private Path writeConfig(Path dir, String name) {
    String yaml =
        """
        helper: "%s"
        token: %s
        site: chaos
        identity: fleetwright.chaos
        interval: 10s
        loglevel: info
        workers: 64
        monitor_port: %d
        monitor_address: 127.0.0.1
        features:
          pki: %s
        ca:
          dir: "%s"
          common_name: Fleetwright Chaos CA
        temporal:
          target: "%s"
        nats:
          servers: ["%s"]
        """
                .formatted(
                    options.helper,
                    TOKEN,
                    FreePorts.next(),
                    options.pki,
                    dir.resolve("ca").toAbsolutePath(),
                    target,
                    nats.url())
            + options.extraConfig;
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the worker config to " + dir, e);
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  NatsServer nats() {
    return nats;
  }

  /** The Temporal dev server; the stack has none with {@link Builder#productionTemporal()}. */
  TemporalDevServer temporal() {
    return Objects.requireNonNull(temporal, "this stack runs the production-shaped server");
  }

  /** The real Temporal server on PostgreSQL, with {@link Builder#productionTemporal()}. */
  TemporalServer temporalServer() {
    return Objects.requireNonNull(server, "this stack runs the dev server");
  }

  /**
   * The stack as docker-compose.yml sets it up: the real server on PostgreSQL, its shards, the
   * compose file's dynamic config and our search attributes.
   */
  private static TemporalServer startProductionTemporal(Path dir) {
    return TemporalServer.start(
        TemporalServerOptions.builder()
            .workDir(dir)
            .historyShards(TemporalServerOptions.DEFAULT_HISTORY_SHARDS)
            .dynamicConfigFile(Path.of("../ops/compose/dynamicconfig.yaml"))
            .searchAttributes(SearchAttributeKeys.REGISTRATION)
            .build());
  }

  TemporalConnection connection() {
    return connection;
  }

  FleetOperator operator() {
    return ChaosFleet.operator(connection);
  }

  /** The first (or only) worker. */
  WorkerProcess worker() {
    return workers.get(0);
  }

  List<WorkerProcess> workers() {
    return List.copyOf(workers);
  }

  Fleet fleet() {
    return Objects.requireNonNull(fleet, "the fleet is not started yet");
  }

  int nodes() {
    return options.nodes;
  }

  /** The workers' log files, for failure messages. */
  String logs() {
    return workers.stream().map(w -> w.log().toString()).collect(Collectors.joining(" and "));
  }

  /**
   * Waits for {@code condition}; on timeout writes a thread dump of every worker into its log, then
   * fails with {@code lastSeen}, the fleet's counts and the logs.
   */
  void await(Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
    Await.until(
        timeout,
        condition,
        () ->
            lastSeen.get()
                + "; fleet "
                + (fleet == null ? "not started" : fleet.countsByMode())
                + "; worker log "
                + logs(),
        () -> {
          String why = "a chaos test timed out: " + lastSeen.get();
          dumpThreads(why);
          // The fleet lives in this JVM: if it stopped answering, its threads say why.
          ThreadDumps.printThisJvm(why);
        });
  }

  /** Waits until {@code count} nodes are provisioned. */
  void awaitProvisioned(int count, Duration timeout) {
    await(
        timeout,
        () -> fleet().count(NodeMode.PROVISIONED) >= count,
        () -> count + " nodes PROVISIONED");
  }

  /** Writes a thread dump of every running worker into its log. */
  void dumpThreads(String why) {
    workers.forEach(w -> w.threadDump(why));
  }

  /** What the emulator applied, counted over the whole fleet now. */
  ChaosCounts counts() {
    return ChaosCounts.of(fleet());
  }

  /**
   * Counts the fleet and records one fault with those counts.
   *
   * @return the counts recorded
   */
  ChaosCounts record(String fault, int faults, int affected, Duration recovery) {
    ChaosCounts counts = counts();
    ChaosResults.record(fault, faults, affected, counts, recovery);
    return counts;
  }

  /**
   * Every node provisioned, configured once and restarted once, one workflow each, PROVISIONED in
   * Temporal.
   */
  void assertNothingLost(ChaosCounts counts) {
    assertTrue(counts.clean(), counts + "; worker log " + logs());
    ChaosFleet.assertNothingLost(fleet(), operator(), options.nodes, logs());
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        // Closing the rest matters more; the test's own failure says what went wrong.
      }
    }
  }

  /** What the stack runs: nodes, seed, helper, PKI, faults, worker count. */
  static final class Builder {
    private final String name;
    private int nodes = 500;
    private long seed = 1;
    private int workers = 1;
    private boolean pki;
    private String helper = CHAOS_HELPER.toString();
    private String extraConfig = "";
    private FaultPlan faults = FaultPlan.none();
    private boolean startFleet = true;
    private boolean productionTemporal;
    private String heap = WorkerProcess.DEFAULT_HEAP;

    private Builder(String name) {
      this.name = name;
    }

    Builder nodes(int nodes) {
      this.nodes = nodes;
      return this;
    }

    Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many worker processes share the task queue (default 1). */
    Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** Turns {@code features.pki} on: gencsr and the built-in CA. */
    Builder pki() {
      this.pki = true;
      return this;
    }

    /** The helper file or command line (default the chaos JavaScript helper). */
    Builder helper(String helper) {
      this.helper = helper;
      return this;
    }

    Builder helper(Path helper) {
      this.helper = helper.toAbsolutePath().normalize().toString();
      return this;
    }

    /** YAML appended to the worker config, e.g. {@code helper_timeout: 12s}. */
    Builder config(String yaml) {
      this.extraConfig = yaml.endsWith("\n") ? yaml : yaml + "\n";
      return this;
    }

    Builder faults(FaultPlan faults) {
      this.faults = faults;
      return this;
    }

    /** The worker's maximum heap, e.g. {@code 1g} (default {@value WorkerProcess#DEFAULT_HEAP}). */
    Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    /** Runs the real Temporal server on PostgreSQL instead of the dev server. */
    Builder productionTemporal() {
      this.productionTemporal = true;
      return this;
    }

    /** Leaves the fleet to {@link ChaosStack#startFleet()}. */
    Builder fleetLater() {
      this.startFleet = false;
      return this;
    }

    /** Starts the servers, the workers (each ready) and the fleet; closes all on failure. */
    ChaosStack start(Path dir) {
      return new ChaosStack(this).start(dir);
    }
  }
}
