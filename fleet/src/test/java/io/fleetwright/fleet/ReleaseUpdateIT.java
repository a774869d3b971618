package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.UpdateRepository;
import io.fleetwright.protocol.LifecycleCodec;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcRequest;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release_update} over a real nats-server from a repository served on 127.0.0.1: nodes
 * install the release, publish {@code upgraded}, restart and come back in provisioning mode on the
 * new version; the bad-checksum and never-returns faults do what they say.
 */
class ReleaseUpdateIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TARGET = "0.99.0";
  private NatsServer nats;
  private WireClient client;
  private UpdateRepository repository;
  private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    nats = Fixtures.startNats();
    client = new WireClient(nats.url());
    client
        .connection()
        .createDispatcher(m -> events.add(LifecycleCodec.parse(m.getSubject(), m.getData())))
        .subscribe("choria.lifecycle.event.>");
    client.connection().flush(Duration.ofSeconds(5));
    repository = UpdateRepository.start(dir.resolve("repo"));
    repository.publish(
        TARGET,
        EmulatedRelease.OS,
        EmulatedRelease.ARCH,
        EmulatedRelease.NAME,
        EmulatedRelease.binary(TARGET));
  }

  @AfterEach
  void stop() {
    client.close();
    repository.close();
    nats.close();
  }

  private Fleet fleet(boolean upgradable, FaultPlan faults) {
    return Fleet.builder()
        .nodes(3)
        .natsUrl(nats.url())
        .token("s3cret")
        .identityPattern("node%d.lab.local")
        .splayScale(0.01)
        .upgradable(upgradable)
        .faults(faults)
        .build()
        .start();
  }

  private RpcReply call(String identity, String agent, String action, Map<String, Object> data)
      throws Exception {
    return client.call("provisioning", identity, new RpcRequest(agent, action, data), TIMEOUT);
  }

  private RpcReply update(String identity) throws Exception {
    return call(
        identity,
        "choria_provision",
        "release_update",
        Map.of("token", "s3cret", "repository", repository.url(), "version", TARGET));
  }

  @Test
  void nodesUpdateRestartAndComeBackOnTheNewVersionUnlessAFaultStopsThem() throws Exception {
    try (Fleet fleet =
        fleet(
            true,
            FaultPlan.builder()
                .nodes(Fault.BAD_UPDATE_CHECKSUM, "node2.lab.local")
                .nodes(Fault.NEVER_RETURN_AFTER_UPDATE, "node3.lab.local")
                .build())) {
      Map<String, Object> before = call("node1.lab.local", "rpcutil", "inventory", Map.of()).data();
      assertEquals("0.30.2", before.get("version"));
      assertEquals(true, before.get("upgradable"));

      for (String identity : List.of("node1.lab.local", "node3.lab.local")) {
        RpcReply reply = update(identity);
        assertEquals(0, reply.statusCode(), reply.toString());
        assertEquals("Restarting Choria Server after 2s", reply.data().get("message"));
      }
      RpcReply bad = update("node2.lab.local");
      assertEquals(
          "Update to version 0.99.0 failed, release rolled back:"
              + " downloaded file had an invalid checksum",
          bad.statusMsg());

      Await.until(
          TIMEOUT,
          () -> startups("node1.lab.local").size() == 2,
          () -> "node1 did not start again; events " + events);
      Map<String, Object> after = call("node1.lab.local", "rpcutil", "inventory", Map.of()).data();
      assertEquals(TARGET, after.get("version"), after.toString());
      assertEquals(List.of("provisioning"), after.get("collectives"));
      assertEquals(
          List.of("startup 0.30.2", "upgraded 0.30.2 -> 0.99.0", "shutdown", "startup 0.99.0"),
          history("node1.lab.local"));

      fleet.awaitMode("node3.lab.local", NodeMode.GONE, TIMEOUT);
      assertEquals(
          List.of("startup 0.30.2", "upgraded 0.30.2 -> 0.99.0", "shutdown"),
          history("node3.lab.local"));
      assertEquals(List.of("startup 0.30.2"), history("node2.lab.local"));
      assertEquals("0.30.2", fleet.node("node2.lab.local").orElseThrow().version());

      assertEquals(
          List.of(TARGET), fleet.node("node1.lab.local").orElseThrow().releaseUpdateHistory());
      assertEquals(0, fleet.node("node2.lab.local").orElseThrow().releaseUpdateCount());
      assertEquals(1, fleet.node("node3.lab.local").orElseThrow().releaseUpdateCount());
      assertEquals(
          3,
          repository.requests("/0.99.0/linux/amd64/choria-linux-amd64-0.99.0.bz2"),
          "node1 and node3 installed it; node2 downloaded it before its checksum failed");
    }
  }

  @Test
  void aFleetWithoutTheUpdateClaimRefusesAndSaysSoInItsInventory() throws Exception {
    try (Fleet fleet = fleet(false, FaultPlan.none())) {
      assertEquals(
          false,
          call("node1.lab.local", "rpcutil", "inventory", Map.of()).data().get("upgradable"));
      RpcReply reply = update("node1.lab.local");
      assertEquals("Version updates is not enabled in the configuration", reply.statusMsg());
      assertEquals(0, repository.requests("/0.99.0/linux/amd64/release.json"));
      assertTrue(fleet.nodes().stream().allMatch(n -> n.releaseUpdateCount() == 0));
    }
  }

  private List<LifecycleEvent> startups(String identity) {
    return events.stream()
        .filter(e -> e.identity().equals(identity) && e.type().equals(LifecycleEvent.STARTUP))
        .toList();
  }

  private List<String> history(String identity) {
    return events.stream()
        .filter(e -> e.identity().equals(identity))
        .map(
            e ->
                e.type()
                    + (e.version() == null ? "" : " " + e.version())
                    + (e.newVersion() == null ? "" : " -> " + e.newVersion()))
        .toList();
  }
}
