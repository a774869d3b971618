package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Measures directed calls with one shared reply wildcard against one reply subscription per
 * request, and checks every reply reached its caller. Prints one JSON line per mode; nothing is
 * asserted about speed.
 */
// Responders and subscriptions are held open only for their side effects.
@SuppressWarnings("try")
class ReplySubscriptionBenchmarkIT {

  private static final int THREADS = 16;
  private static final int CALLS_PER_THREAD = 150;
  private static final int NODES = 20;
  private static final int ROUNDS = 3;

  @Test
  void measuresConcurrentDirectedCallsInBothModes() throws Exception {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add("bench" + i + ".lab");
    }
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try (NatsServer nats = Fixtures.startNats();
        TestResponder fleet = new TestResponder(nats.url(), nodes.toArray(String[]::new));
        ChoriaClient shared = client(nats, true);
        ChoriaClient perRequest = client(nats, false)) {
      Map<ChoriaClient, List<Double>> rates = new LinkedHashMap<>();
      rates.put(shared, new ArrayList<>());
      rates.put(perRequest, new ArrayList<>());
      for (ChoriaClient client : rates.keySet()) {
        run(client, nodes, threads, 50);
      }
      for (int round = 0; round < ROUNDS; round++) {
        for (Map.Entry<ChoriaClient, List<Double>> entry : rates.entrySet()) {
          long start = System.nanoTime();
          int calls = run(entry.getKey(), nodes, threads, CALLS_PER_THREAD);
          entry.getValue().add(calls / ((System.nanoTime() - start) / 1e9));
          assertEquals(THREADS * CALLS_PER_THREAD, calls);
          assertEquals(0, entry.getKey().droppedMessages());
        }
      }
      report("shared_wildcard", rates.get(shared));
      report("per_request", rates.get(perRequest));
    } finally {
      threads.shutdownNow();
    }
  }

  private static ChoriaClient client(NatsServer nats, boolean shared) {
    return ChoriaClient.builder()
        .natsUrl(nats.url())
        .identity(shared ? "bench.shared" : "bench.per-request")
        .sharedReplySubscription(shared)
        .build();
  }

  private static void report(String mode, List<Double> rates) {
    List<Double> sorted = rates.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    System.out.printf(
        Locale.ROOT,
        "{\"name\":\"protocol_directed_calls\",\"reply_subscription\":\"%s\",\"calls\":%d,"
            + "\"threads\":%d,\"rounds\":%d,\"calls_per_sec_median\":%.1f,"
            + "\"calls_per_sec_rounds\":%s,\"mean_ms\":%.2f}%n",
        mode,
        THREADS * CALLS_PER_THREAD,
        THREADS,
        rates.size(),
        median,
        rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
        1000.0 * THREADS / median);
  }

  private static int run(ChoriaClient client, List<String> nodes, ExecutorService threads, int each)
      throws Exception {
    List<Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          threads.submit(
              () -> {
                int done = 0;
                for (int i = 0; i < each; i++) {
                  String node = nodes.get((thread * each + i) % nodes.size());
                  RpcResult result =
                      client.call(node, "rpcutil", "ping", null, Duration.ofSeconds(20));
                  assertEquals(node, result.identity());
                  done++;
                }
                return done;
              }));
    }
    int total = 0;
    for (Future<Integer> future : futures) {
      total += future.get(5, TimeUnit.MINUTES);
    }
    return total;
  }
}
