package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a real nats-server and an in-test responder: call, broadcast, discover. */
// Responders and subscriptions are held open only for their side effects.
@SuppressWarnings("try")
class ChoriaClientIT {

  private static final String CLIENT = "provisioner.lab.local";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static NatsServer nats;

  @BeforeAll
  static void startNats() {
    nats = Fixtures.startNats();
  }

  @AfterAll
  static void stopNats() {
    nats.close();
  }

  private static ChoriaClient client() {
    return ChoriaClient.builder().natsUrl(nats.url()).identity(CLIENT).build();
  }

  @Test
  void callsOneNodeDirectlyAndGetsItsReply() throws Exception {
    try (TestResponder fleet = new TestResponder(nats.url(), "node1.lab.local", "node2.lab.local");
        ChoriaClient client = client()) {
      RpcResult result =
          client.call("node1.lab.local", "rpcutil", "inventory", Map.of("k", "v"), WAIT);

      assertEquals("node1.lab.local", result.identity());
      assertTrue(result.ok(), result.toString());
      assertEquals("0.30.2", result.data().get("version"));
      assertEquals(Map.of("k", "v"), result.data().get("input"));
      TestResponder.Received seen = fleet.received.poll(5, TimeUnit.SECONDS);
      assertNotNull(seen, "the responder saw no request");
      assertEquals("provisioning.node.node1.lab.local", seen.subject());
      RequestEnvelope envelope = seen.request().envelope();
      assertEquals(result.requestId(), envelope.requestId());
      assertEquals(Filter.agent("rpcutil"), envelope.filter());
      assertEquals("choria=" + CLIENT, envelope.callerId());
      assertEquals(CLIENT, envelope.senderId());
      assertEquals(60, envelope.ttl());
      assertEquals(
          "provisioning.reply."
              + Subjects.callerHash("choria=" + CLIENT)
              + "."
              + result.requestId(),
          seen.request().replyTo().orElseThrow());
      assertEquals("", seen.natsReplyTo(), "pitfall 5: the NATS reply field stays empty");
      assertEquals(CLIENT, seen.request().headers().mcSender());
    }
  }

  @Test
  void ignoresAReplyFromAnotherIdentityAndTakesTheTargetedOne() throws Exception {
    try (TestResponder fleet = new TestResponder(nats.url(), "node1.lab.local");
        LogCapture logs = new LogCapture();
        ChoriaClient client = client()) {
      fleet.answer(
          "node1.lab.local",
          (request, identity) ->
              List.of(fleet.ok(request, "impostor.lab.local"), fleet.ok(request, identity)));

      RpcResult result = client.call("node1.lab.local", "rpcutil", "ping", null, WAIT);

      assertEquals("node1.lab.local", result.identity());
      Await.quickly(
          WAIT,
          () -> client.droppedMessages() == 1,
          () -> "one drop, got " + client.droppedMessages());
      assertTrue(
          logs.messages().stream()
              .anyMatch(
                  m ->
                      m.contains(
                              "envelope.senderid \"impostor.lab.local\" is not the targeted identity")
                          && m.contains("provisioning.reply.")),
          "log should name subject and field: " + logs.messages());
    }
  }

  @Test
  void timesOutNamingTheNodeAgentActionAndTimeout() throws Exception {
    try (ChoriaClient client = client()) {
      RpcTimeoutException e =
          assertThrows(
              RpcTimeoutException.class,
              () ->
                  client.call(
                      "ghost.lab.local", "rpcutil", "inventory", null, Duration.ofMillis(300)));

      assertTrue(
          e.getMessage()
              .startsWith("no reply from node ghost.lab.local to rpcutil#inventory within PT0.3S"),
          e.getMessage());
      assertEquals("ghost.lab.local", e.identity());
    }
  }

  @Test
  void aClientWhoseClockIsSkewedBeyondTheTtlGetsNoReply() throws Exception {
    Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
    try (TestResponder fleet = new TestResponder(nats.url(), "node1.lab.local");
        ChoriaClient client =
            ChoriaClient.builder().natsUrl(nats.url()).identity(CLIENT).clock(skewed).build()) {
      assertThrows(
          RpcTimeoutException.class,
          () -> client.call("node1.lab.local", "rpcutil", "ping", null, Duration.ofMillis(500)));
      assertNotNull(fleet.received.poll(5, TimeUnit.SECONDS), "the request did arrive");
    }
  }

  @Test
  @Timeout(60)
  void broadcastReturnsAsSoonAsTheExpectedNumberOfNodesReplied() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestResponder fleet = new TestResponder(nats.url(), "n1", "n2", "n3", "late1", "late2");
        ChoriaClient client = client()) {
      for (String late : List.of("late1", "late2")) {
        fleet.answer(
            late,
            (request, identity) -> {
              release.await();
              return List.of(fleet.ok(request, identity));
            });
      }

      List<RpcResult> results =
          client.broadcast("rpcutil", "ping", null, null, Duration.ofMinutes(10), 3);
      release.countDown();

      assertEquals(
          Set.of("n1", "n2", "n3"),
          new HashSet<>(results.stream().map(RpcResult::identity).toList()));
    }
  }

  @Test
  void broadcastWithoutAnExpectedCountCollectsEveryReplyUntilTheTimeout() throws Exception {
    try (TestResponder fleet = new TestResponder(nats.url(), "n1", "n2", "n3");
        ChoriaClient client = client()) {
      List<RpcResult> results =
          client.broadcast("rpcutil", "ping", null, Filter.empty(), Duration.ofMillis(1500), 0);

      assertEquals(
          Set.of("n1", "n2", "n3"),
          new HashSet<>(results.stream().map(RpcResult::identity).toList()));
      TestResponder.Received seen = fleet.received.poll(5, TimeUnit.SECONDS);
      assertEquals("provisioning.broadcast.agent.rpcutil", seen.subject());
      assertEquals(List.of("rpcutil"), seen.request().envelope().filter().agent());
    }
  }

  @Test
  void broadcastSendsTheFilterSoOnlyMatchingNodesAnswer() throws Exception {
    try (TestResponder fleet = new TestResponder(nats.url(), "n1", "n2", "n3");
        ChoriaClient client = client()) {
      List<RpcResult> results =
          client.broadcast(
              "rpcutil", "ping", null, Filter.identity("n2"), Duration.ofMillis(800), 0);

      assertEquals(List.of("n2"), results.stream().map(RpcResult::identity).toList());
    }
  }

  @Test
  void discoversEveryNodeOnceFromMcSender() throws Exception {
    try (TestResponder fleet = new TestResponder(nats.url(), "n1", "n2", "n3");
        ChoriaClient client = client()) {
      fleet.answer(
          "n2",
          (request, identity) -> List.of(fleet.ok(request, identity), fleet.ok(request, identity)));

      Set<String> nodes = client.discover(Duration.ofSeconds(5));

      assertEquals(Set.of("n1", "n2", "n3"), nodes);
      TestResponder.Received seen = fleet.received.poll(5, TimeUnit.SECONDS);
      assertEquals("provisioning.broadcast.agent.discovery", seen.subject());
      assertEquals("cGluZw==", seen.request().request().message());
      assertEquals("ping", seen.request().payloadText());
      assertEquals(Filter.agent("choria_provision"), seen.request().envelope().filter());
    }
  }

  @Test
  void discoveryWithNobodyListeningReturnsNothing() {
    try (ChoriaClient client =
        ChoriaClient.builder().natsUrl(nats.url()).identity("lonely.client").build()) {
      assertEquals(Set.of(), client.discover(Filter.identity("nobody"), Duration.ofMillis(300)));
    }
  }

  @Test
  void routesManyConcurrentCallsToTheRightCallers() throws Exception {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      nodes.add("node" + i + ".lab");
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (TestResponder fleet = new TestResponder(nats.url(), nodes.toArray(String[]::new));
        ChoriaClient client = client()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    String node = nodes.get((thread + i) % nodes.size());
                    Map<String, Object> data = Map.of("n", thread * 1000 + i);
                    RpcResult result = client.call(node, "rpcutil", "echo", data, WAIT);
                    assertEquals(node, result.identity());
                    assertEquals(data, result.data().get("input"));
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
      assertEquals(0, client.droppedMessages());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void closingTheClientFailsAWaitingCall() throws Exception {
    ChoriaClient client = client();
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                client.call("ghost.lab.local", "rpcutil", "ping", null, Duration.ofMinutes(5));
                return null;
              } catch (ProtocolException e) {
                return e;
              }
            });
    Await.quickly(WAIT, () -> hasWaiter(client), () -> "the call never started waiting");

    client.close();

    Throwable failure = outcome.get(10, TimeUnit.SECONDS);
    assertNotNull(failure);
    assertFalse(failure instanceof RpcTimeoutException, failure.toString());
    assertTrue(failure.getMessage().contains("closed while waiting"), failure.getMessage());
    assertThrows(ProtocolException.class, () -> client.discover(Duration.ofSeconds(1)));
  }

  @Test
  void refusesToConnectWithoutAnIdentityNamingTheField() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> ChoriaClient.builder().natsUrl(nats.url()).build());
    assertEquals("identity must be set, e.g. provisioner.lab.local", e.getMessage());
    ProtocolException url =
        assertThrows(
            ProtocolException.class,
            () -> ChoriaClient.builder().natsUrl("127.0.0.1:4222").identity("x").build());
    assertTrue(url.getMessage().startsWith("natsUrl must look like nats://"), url.getMessage());
    ProtocolException ttl =
        assertThrows(
            ProtocolException.class,
            () ->
                ChoriaClient.builder()
                    .natsUrl(nats.url())
                    .identity("x")
                    .ttl(Duration.ofSeconds(10))
                    .build());
    assertTrue(ttl.getMessage().startsWith("ttl must be at least 30s"), ttl.getMessage());
  }

  @Test
  void reportsAnUnreachableServerNamingTheUrl() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                ChoriaClient.builder()
                    .natsUrl("nats://127.0.0.1:1")
                    .identity("x")
                    .connectTimeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(
        e.getMessage().startsWith("could not connect to NATS at nats://127.0.0.1:1"),
        e.getMessage());
  }

  private static boolean hasWaiter(ChoriaClient client) {
    return client.pendingRequests() > 0;
  }
}
