package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.DecodedReply;
import io.fleetwright.protocol.Filter;
import io.fleetwright.protocol.RpcResult;
import io.fleetwright.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiscoveryIT {
  private static final int NODES = 1000;
  private static NatsServer nats;
  private static Fleet fleet;
  private static WireClient client;

  @BeforeAll
  static void start() throws Exception {
    nats = Fixtures.startNats();
    // Four connections of 250 nodes each, so routing across shared connections is exercised too.
    fleet =
        Fleet.builder()
            .nodes(NODES)
            .natsUrl(nats.url())
            .token("s3cret")
            .seed(7)
            .nodesPerConnection(250)
            .build()
            .start();
    client = new WireClient(nats.url());
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (nats != null) {
      nats.close();
    }
  }

  @Test
  void findsEveryNodeExactlyOnceWithOneBroadcastDiscovery() throws Exception {
    List<DecodedReply> replies =
        client.send(
            "provisioning.broadcast.agent.discovery",
            io.fleetwright.protocol.Requests.discovery(
                WireClient.SENDER,
                WireClient.CALLER,
                "provisioning",
                Filter.agent("choria_provision"),
                60,
                java.time.Instant.now()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Integer.MAX_VALUE);
    List<String> senders = replies.stream().map(r -> r.headers().mcSender()).toList();
    Set<String> distinct = new HashSet<>(senders);
    assertEquals(NODES, distinct.size(), "distinct nodes that answered");
    assertEquals(NODES, senders.size(), "replies, duplicates included");
    Set<String> identities = new HashSet<>();
    fleet.nodes().forEach(n -> identities.add(n.identity()));
    assertEquals(identities, distinct);
    assertTrue(replies.stream().allMatch(r -> r.message().equals("pong")));
  }

  @Test
  void answersADirectedInventoryFromEveryNodeToTheProvisionersClient() throws Exception {
    try (ChoriaClient choria =
        ChoriaClient.builder().natsUrl(nats.url()).identity("provisioner.test.local").connect()) {
      assertEquals(NODES, choria.discover(Duration.ofSeconds(10)).size());
      List<Callable<RpcResult>> calls = new ArrayList<>();
      Semaphore inFlight = new Semaphore(100);
      for (FleetNode node : fleet.nodes()) {
        calls.add(
            () -> {
              inFlight.acquire();
              try {
                return choria.call(
                    node.identity(), "rpcutil", "inventory", null, Duration.ofSeconds(10));
              } finally {
                inFlight.release();
              }
            });
      }
      List<String> problems = new ArrayList<>();
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<RpcResult>> results = executor.invokeAll(calls);
        for (int i = 0; i < results.size(); i++) {
          FleetNode node = fleet.nodes().get(i);
          RpcResult result = results.get(i).get();
          Map<String, Object> data = result.data();
          if (!result.ok()
              || !node.identity().equals(result.identity())
              || !"0.30.2".equals(data.get("version"))
              || !node.facts().equals(data.get("facts"))
              || !List.of("provisioning").equals(data.get("collectives"))) {
            problems.add(node.identity() + ": " + result);
          }
        }
      }
      assertEquals(List.of(), problems);
    }
  }

  @Test
  void findsOnlyTheNodesAFactFilterSelects() throws Exception {
    long expected =
        fleet.nodes().stream().filter(n -> "ams1".equals(n.facts().get("datacenter"))).count();
    List<DecodedReply> replies =
        client.discover(
            "provisioning",
            Filter.agent("choria_provision")
                .withFact(new io.fleetwright.protocol.FactFilter("datacenter", "==", "ams1")),
            Integer.MAX_VALUE);
    assertEquals(expected, replies.size());
    assertTrue(
        expected > 100 && expected < 400, "about a quarter of the nodes are in ams1: " + expected);
  }
}
