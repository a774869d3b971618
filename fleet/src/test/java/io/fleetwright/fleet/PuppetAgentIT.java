package io.fleetwright.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.RpcResult;
import io.fleetwright.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PuppetAgentIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String GOOD = "node-00001.lab.local";
  private static final String BAD = "node-00002.lab.local";
  private static NatsServer nats;
  private static Fleet fleet;
  private static ChoriaClient client;

  @BeforeAll
  static void start() {
    nats = Fixtures.startNats();
    fleet =
        Fleet.builder()
            .nodes(2)
            .natsUrl(nats.url())
            .identityPattern("node-%05d.lab.local")
            .provisionedIn(List.of("mcollective"))
            .puppet(
                PuppetProfile.defaults()
                    .withRunTime(Duration.ofMillis(300), Duration.ofMillis(600))
                    .withFailingNodes(Set.of(BAD)))
            .build()
            .start();
    client =
        ChoriaClient.builder()
            .natsUrl(nats.url())
            .identity("orchestrator.lab.local")
            .collective("mcollective")
            .build();
  }

  @AfterAll
  static void stop() {
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

  private static RpcResult call(String node, String action, Map<String, Object> data) {
    return client.call(node, "puppet", action, data, TIMEOUT);
  }

  @Test
  void runsPuppetThroughTheChoriaClientInTheMainCollective() {
    assertTrue(call(GOOD, "disable", Map.of("message", "site run")).ok());
    RpcResult refused = call(GOOD, "runonce", Map.of("force", true));
    assertEquals("Puppet is disabled: 'site run'", refused.reply().statusMsg(), refused.toString());
    assertTrue(call(GOOD, "enable", Map.of()).ok());

    RpcResult started = call(GOOD, "runonce", Map.of("force", true, "noop", true));
    assertTrue(started.ok(), started.toString());
    long initiated = ((Number) started.data().get("initiated_at")).longValue();
    awaitIdleAfter(GOOD, initiated);

    Map<String, Object> summary = call(GOOD, "last_run_summary", Map.of()).data();
    assertEquals(0, ((Number) summary.get("failed_resources")).intValue(), summary.toString());
    assertEquals(1, fleet.node(GOOD).orElseThrow().puppetRunStarts().size());
  }

  @Test
  void reportsFailedResourcesOfAFailingNode() {
    RpcResult started = call(BAD, "runonce", Map.of("force", true));
    long initiated = ((Number) started.data().get("initiated_at")).longValue();
    awaitIdleAfter(BAD, initiated);
    Map<String, Object> summary = call(BAD, "last_run_summary", Map.of()).data();
    assertEquals(2, ((Number) summary.get("failed_resources")).intValue(), summary.toString());
  }

  @Test
  void answersNothingForPuppetInTheProvisioningCollective() {
    assertFalse(fleet.node(GOOD).orElseThrow().collectives().contains("provisioning"));
    assertTrue(call(GOOD, "status", Map.of()).ok());
  }

  private static void awaitIdleAfter(String node, long initiated) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, Object> status = call(node, "status", Map.of()).data();
      boolean done =
          !(Boolean) status.get("applying")
              && ((Number) status.get("lastrun")).longValue() >= initiated;
      if (done) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "run of " + node + " never finished: " + status);
    }
  }
}
