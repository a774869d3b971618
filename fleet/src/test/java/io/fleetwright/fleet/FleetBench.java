package io.fleetwright.fleet;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.Request;
import io.fleetwright.protocol.Requests;
import io.fleetwright.testing.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Measures the fleet, printing one JSON object per figure: heap after GC per idle node, and the
 * time from publishing one broadcast discovery to the last of its replies. Not a test; run it by
 * hand:
 *
 * <pre>
 * java -cp "fleet/target/test-classes:fleet/target/classes:$(cat /tmp/fleet-cp)" \
 *   io.fleetwright.fleet.FleetBench 1000 10000
 * </pre>
 */
public final class FleetBench {
  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length == 0
            ? new int[] {1000, 10000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    try (NatsServer nats = Fixtures.startNats();
        WireClient client = new WireClient(nats.url())) {
      for (int nodes : sizes) {
        measure(nats, client, nodes);
      }
    }
  }

  private static void measure(NatsServer nats, WireClient client, int nodes) throws Exception {
    long before = usedAfterGc();
    long started = System.nanoTime();
    try (Fleet fleet =
        Fleet.builder().nodes(nodes).natsUrl(nats.url()).token("s3cret").build().start()) {
      double startSeconds = (System.nanoTime() - started) / 1e9;
      long after = usedAfterGc();
      System.out.printf(
          "{\"name\":\"fleet_heap_per_node\",\"nodes\":%d,\"bytes_per_node\":%d,\"heap_mb\":%.1f,"
              + "\"connections\":%d,\"start_seconds\":%.2f}%n",
          nodes,
          (after - before) / nodes,
          (after - before) / 1048576.0,
          fleet.connections(),
          startSeconds);
      for (int run = 1; run <= 3; run++) {
        Request ping =
            Requests.discovery(
                WireClient.SENDER,
                WireClient.CALLER,
                "provisioning",
                Filter.agent("choria_provision"),
                60,
                Instant.now());
        long t0 = System.nanoTime();
        var replies =
            client.send(
                "provisioning.broadcast.agent.discovery",
                ping,
                Duration.ofSeconds(5),
                Duration.ofSeconds(120),
                nodes);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Set<String> senders = new HashSet<>();
        replies.forEach(r -> senders.add(r.headers().mcSender()));
        System.out.printf(
            "{\"name\":\"fleet_discovery\",\"nodes\":%d,\"run\":%d,\"replies\":%d,\"distinct\":%d,"
                + "\"seconds\":%.3f}%n",
            nodes, run, replies.size(), senders.size(), seconds);
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
