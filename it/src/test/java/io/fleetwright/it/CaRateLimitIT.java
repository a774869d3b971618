package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.CaRoute;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca.rate_limit} holds across workers: two workers (one its own process) with a limit of
 * {@value #RATE} CA calls per second together start the fleet's {@code SignCsr} activities no
 * faster than the server's token bucket allows ({@code rate × t + burst} in any stretch of {@code
 * t} seconds), and two workers without the limit sign the same fleet faster than that. Times are
 * the server's, read from Temporal's histories, not a clock in a worker: {@code
 * ActivityTaskStarted} on the CA queue, and without the limit the local activity's marker.
 */
class CaRateLimitIT {
  private static final int NODES = 20;
  private static final double RATE = 2.0;

  /**
   * The server's burst on a queue of one partition, {@code max(1, ceil(rate))}, plus one call: a
   * start is recorded in history a moment after the server's rate limiter let it go, so two
   * recorded starts can sit a little closer together than the limiter spaced them.
   */
  private static final int BURST = 2 + 1;

  /**
   * A subprocess helper that always configures and asks the built-in CA to sign: no GraalJS to warm
   * up in four workers, so the test stays short.
   */
  private static final String HELPER =
      """
      #!/bin/sh
      cat >/dev/null
      echo '{"sign_csr": true, "msg": "ca rate test",'
      echo ' "configuration": {"plugin.choria.server.provision": "false", "loglevel": "info"}}'
      """;

  /** Two workers started side by side, to keep the test short; closed together. */
  record Pair<A extends AutoCloseable, B extends AutoCloseable>(A first, B second)
      implements AutoCloseable {
    static <A extends AutoCloseable, B extends AutoCloseable> Pair<A, B> start(
        java.util.concurrent.Callable<A> one, java.util.concurrent.Callable<B> two)
        throws Exception {
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        var a = pool.submit(one);
        var b = pool.submit(two);
        try {
          return new Pair<>(a.get(), b.get());
        } catch (java.util.concurrent.ExecutionException e) {
          for (java.util.concurrent.Future<? extends AutoCloseable> started : List.of(a, b)) {
            if (started.state() == java.util.concurrent.Future.State.SUCCESS) {
              started.resultNow().close();
            }
          }
          throw e;
        }
      }
    }

    @Override
    public void close() throws Exception {
      try (A one = first;
          B two = second) {
        // Both closed, the second first.
      }
    }
  }

  /** When one SignCsr started, and which worker started it. */
  record Start(Instant at, String worker, String taskQueue) {}

  @Test
  void twoWorkersKeepTheCaRateTogetherAndSignFasterWithoutIt(@TempDir Path dir) throws Exception {
    Path helper = dir.resolve("sign.sh");
    Files.writeString(helper, HELPER);
    helper.toFile().setExecutable(true);
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = onePartition()) {
      WorkflowClient client = client(temporal);

      List<Start> limited;
      try (Pair<WorkerProcess, Provisioner> workers =
              Pair.start(
                  () -> worker(dir, "limited-1", "limited", RATE, nats, temporal),
                  () -> provisioner(dir, "limited-2", "limited", RATE, nats, temporal));
          Fleet fleet = fleet(nats, "limited-%03d.example.net")) {
        limited = provisionedStarts(client, fleet, () -> tail(workers.first()));
      }
      assertEquals(NODES, limited.size(), limited.toString());
      assertTrue(
          limited.stream().allMatch(s -> s.taskQueue().equals(CaRoute.taskQueueOf("limited"))),
          "every SignCsr ran on the CA queue: " + limited);
      assertEquals(
          2,
          limited.stream().map(Start::worker).distinct().count(),
          "both workers (a process of its own and one in the test's JVM) signed: " + limited);
      System.out.println("CaRateLimitIT: with ca.rate_limit " + RATE + ": " + timeline(limited));
      Optional<String> breach = breach(limited);
      assertTrue(
          breach.isEmpty(), "with the limit: " + breach.orElse("") + "\n" + timeline(limited));

      List<Start> open;
      try (Pair<Provisioner, Provisioner> workers =
              Pair.start(
                  () -> provisioner(dir, "open-1", "open", 0, nats, temporal),
                  () -> provisioner(dir, "open-2", "open", 0, nats, temporal));
          Fleet fleet = fleet(nats, "open-%03d.example.net")) {
        open = provisionedStarts(client, fleet, () -> "");
      }
      assertEquals(NODES, open.size(), open.toString());
      assertTrue(
          open.stream().allMatch(s -> s.taskQueue().isEmpty()),
          "without the limit signing stays a local activity: " + open);
      System.out.println("CaRateLimitIT: without a limit: " + timeline(open));
      assertTrue(
          breach(open).isPresent(),
          "without the limit the same fleet signs faster than the limit would allow: "
              + timeline(open));
    }
  }

  /**
   * The first stretch of starts that the token bucket would not allow: {@code j - i + 1} starts
   * from start {@code i} to start {@code j} need {@code (j - i + 1 - BURST) / RATE} seconds at
   * least.
   */
  static Optional<String> breach(List<Start> starts) {
    List<Instant> at = starts.stream().map(Start::at).sorted().toList();
    for (int i = 0; i < at.size(); i++) {
      for (int j = i + 1; j < at.size(); j++) {
        double seconds = Duration.between(at.get(i), at.get(j)).toNanos() / 1e9;
        int count = j - i + 1;
        if (count > RATE * seconds + BURST) {
          return Optional.of(
              "%d SignCsr started within %.3f s, more than %.1f/s × %.3f s + burst %d"
                  .formatted(count, seconds, RATE, seconds, BURST));
        }
      }
    }
    return Optional.empty();
  }

  private static List<Start> provisionedStarts(
      WorkflowClient client, Fleet fleet, java.util.function.Supplier<String> logs) {
    Await.until(
        Duration.ofMinutes(3),
        () -> fleet.count(NodeMode.PROVISIONED) == NODES,
        () -> "modes " + fleet.countsByMode() + "\n" + logs.get());
    List<Start> starts = new ArrayList<>();
    for (FleetNode node : fleet.nodes()) {
      starts.addAll(signingStarts(client, WorkflowIds.node(node.identity())));
    }
    return starts;
  }

  /** The start of each SignCsr activity in one node's history; local ones have none. */
  private static List<Start> signingStarts(WorkflowClient client, String workflowId) {
    Map<Long, String> signQueues = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    List<Start> starts = new ArrayList<>();
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        var scheduled = event.getActivityTaskScheduledEventAttributes();
        if (scheduled.getActivityType().getName().equals("SignCsr")) {
          signQueues.put(event.getEventId(), scheduled.getTaskQueue().getName());
        }
      } else if (event.hasActivityTaskStartedEventAttributes()) {
        var started = event.getActivityTaskStartedEventAttributes();
        String queue = signQueues.get(started.getScheduledEventId());
        if (queue != null && seen.add(started.getScheduledEventId())) {
          starts.add(new Start(time(event), started.getIdentity(), queue));
        }
      } else if (event.hasMarkerRecordedEventAttributes()
          && event.getMarkerRecordedEventAttributes().toString().contains("SignCsr")) {
        // A local SignCsr, as without the limit: the server's time of the marker, which the
        // worker records when the workflow task that signed completes, just after the call.
        starts.add(new Start(time(event), "local", ""));
      }
    }
    return starts;
  }

  /**
   * A dev server whose task queues have one partition, as README "A rate limit per CA" advises for
   * the CA queue: with more, each partition keeps its own share of the rate and its own burst.
   */
  private static TemporalDevServer onePartition() {
    return TemporalDevServer.start(
        TemporalDevServerOptions.builder()
            .searchAttributes(Fixtures.SEARCH_ATTRIBUTES)
            .dynamicConfig("matching.numTaskqueueReadPartitions", "1")
            .dynamicConfig("matching.numTaskqueueWritePartitions", "1")
            .build());
  }

  /** Seconds since the first start, sorted, for the log and the failure message. */
  static String timeline(List<Start> starts) {
    List<Instant> at = starts.stream().map(Start::at).sorted().toList();
    return at.stream()
        .map(t -> "%.3f".formatted(Duration.between(at.get(0), t).toNanos() / 1e9))
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private static Instant time(HistoryEvent event) {
    return Instant.ofEpochSecond(
        event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }

  private static String tail(WorkerProcess worker) {
    String log = worker.logText();
    return log.substring(Math.max(0, log.length() - 3000));
  }

  private static WorkerProcess worker(
      Path dir, String name, String queue, double rate, NatsServer nats, TemporalDevServer t)
      throws IOException {
    return WorkerProcess.start(config(dir, name, queue, rate, nats, t), dir.resolve(name + ".log"));
  }

  private static Provisioner provisioner(
      Path dir, String name, String queue, double rate, NatsServer nats, TemporalDevServer t)
      throws IOException {
    return Provisioner.start(ConfigLoader.load(config(dir, name, queue, rate, nats, t)));
  }

  /** Both workers of a pair share the task queue, the CA and the token; only the limit differs. */
  private static Path config(
      Path dir, String name, String queue, double rate, NatsServer nats, TemporalDevServer t)
      throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        helper: "%s"
        token: ca-rate-it
        identity: fleetwright.%s
        interval: 1h
        loglevel: info
        monitor_port: %d
        features: {pki: true}
        ca: {dir: "%s", rate_limit: %s}
        temporal: {target: "%s", task_queue: %s}
        nats: {servers: ["%s"]}
        """
            .formatted(
                dir.resolve("sign.sh"),
                queue,
                FreePorts.next(),
                dir.resolve(queue + "-ca"),
                rate,
                t.target(),
                queue,
                nats.url()));
    return file;
  }

  private static Fleet fleet(NatsServer nats, String identities) {
    return Fleet.builder()
        .nodes(NODES)
        .natsUrl(nats.url())
        .token("ca-rate-it")
        .identityPattern(identities)
        .seed(19)
        .splayScale(0.01)
        .rsaKeyPool(NODES)
        .build()
        .start();
  }

  private static WorkflowClient client(TemporalDevServer temporal) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
  }
}
