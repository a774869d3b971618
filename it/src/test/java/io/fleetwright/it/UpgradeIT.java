package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.ProvisionResult;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.UpdateRepository;
import io.fleetwright.fleet.EmulatedRelease;
import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.FaultPlan;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeTemplate;
import io.fleetwright.testing.Fixtures;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version upgrades end to end on the emulated fleet: the example helper asks for 0.99.0 (the node's
 * {@code upgrade_to} fact), the provisioner sends {@code release_update} against a repository on
 * 127.0.0.1, and the same run configures the node once it is back. A node that fails the checksum
 * and one that never comes back end FAILED saying which, unless {@code upgrades_optional} lets the
 * first one be configured on its old version. Results come from Temporal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeIT {
  private static final String TARGET = "0.99.0";
  private NatsServer nats;
  private TemporalDevServer temporal;
  private UpdateRepository repository;

  @BeforeAll
  void startServers(@TempDir Path dir) {
    nats = Fixtures.startNats();
    temporal = Fixtures.startTemporal();
    repository = UpdateRepository.start(dir.resolve("repo"));
    repository.publish(
        TARGET,
        EmulatedRelease.OS,
        EmulatedRelease.ARCH,
        EmulatedRelease.NAME,
        EmulatedRelease.binary(TARGET));
  }

  @AfterAll
  void stopServers() {
    repository.close();
    temporal.close();
    nats.close();
  }

  @Test
  void upgradesAndConfiguresANodeAndFailsTheOnesThatCannotSayingWhich() throws Exception {
    try (Provisioner provisioner = provisioner("strict", false);
        Fleet fleet = fleet("node-%05d.strict.example.net")) {
      String good = "node-00001.strict.example.net";
      Map<String, Object> back = attributes(provisioner, good, ProvisioningState.PROVISIONED);
      assertEquals("0.30.2", back.get("before"));
      assertEquals(TARGET, back.get("after"));
      assertEquals(TARGET, fleet.node(good).orElseThrow().version());

      String message = failure(provisioner, "node-00002.strict.example.net");
      assertTrue(message.contains("release rolled back"), message);
      assertTrue(message.contains("could not upgrade to 0.99.0"), message);

      message = failure(provisioner, "node-00003.strict.example.net");
      assertTrue(message.contains("did not come back in provisioning mode within"), message);
    }
  }

  @Test
  void optionalUpgradesConfigureANodeThatFailedTheChecksumOnItsOldVersion() throws Exception {
    try (Provisioner provisioner = provisioner("optional", true);
        Fleet fleet = fleet("node-%05d.optional.example.net")) {
      String bad = "node-00002.optional.example.net";
      Map<String, Object> seen = attributes(provisioner, bad, ProvisioningState.PROVISIONED);
      assertEquals("0.30.2", seen.get("before"));
      assertEquals(null, seen.get("after"), "it never came back on another version");
      assertEquals("0.30.2", fleet.node(bad).orElseThrow().version());
    }
  }

  private Provisioner provisioner(String name, boolean optional) {
    Path helper = Path.of("..", "helpers", "examples", "provision.js").toAbsolutePath();
    return Provisioner.start(
        ConfigLoader.parse(
            """
            helper: "%s"
            token: it-token
            identity: fleetwright.upgrade-it
            interval: 1h
            loglevel: warn
            features: {upgrades: true}
            upgrades_repository: "%s"
            upgrades_optional: %s
            upgrades_timeout: 5s
            temporal:
              target: "%s"
              task_queue: upgrade-%s
            nats:
              servers: ["%s"]
            """
                .formatted(
                    helper, repository.url(), optional, temporal.target(), name, nats.url())));
  }

  private Fleet fleet(String pattern) {
    NodeTemplate defaults = NodeTemplate.defaults();
    Map<String, Object> facts = new HashMap<>(defaults.facts());
    facts.put("upgrade_to", TARGET);
    return Fleet.builder()
        .nodes(3)
        .natsUrl(nats.url())
        .token("it-token")
        .upgradable(true)
        .template(new NodeTemplate(pattern, defaults.sites(), facts))
        .identityPattern(pattern)
        .faults(
            FaultPlan.builder()
                .nodes(Fault.BAD_UPDATE_CHECKSUM, pattern.formatted(2))
                .nodes(Fault.NEVER_RETURN_AFTER_UPDATE, pattern.formatted(3))
                .build())
        .splayScale(0.01)
        .build()
        .start();
  }

  /** Waits for the node's run to end {@code state}; returns its version search attributes. */
  private static Map<String, Object> attributes(
      Provisioner provisioner, String node, ProvisioningState state) throws Exception {
    WorkflowStub stub = stub(provisioner, node);
    ProvisionResult result = stub.getResult(2, TimeUnit.MINUTES, ProvisionResult.class);
    assertEquals(state, result.state(), result.toString());
    SearchAttributes attributes = stub.describe().getTypedSearchAttributes();
    Map<String, Object> out = new HashMap<>();
    out.put("before", attributes.get(SearchAttributeKeys.CHORIA_VERSION_BEFORE));
    out.put("after", attributes.get(SearchAttributeKeys.CHORIA_VERSION_AFTER));
    return out;
  }

  /** Waits for the node's run to fail and returns the message its result carries. */
  private static String failure(Provisioner provisioner, String node) {
    WorkflowStub stub = stub(provisioner, node);
    WorkflowFailedException ended =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub.getResult(2, TimeUnit.MINUTES, ProvisionResult.class));
    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, ended.getCause());
    ProvisionResult result = failure.getDetails().get(ProvisionResult.class);
    assertEquals(ProvisioningState.FAILED, result.state(), result.toString());
    return result.message();
  }

  /** The node's workflow, once discovery has started it. */
  private static WorkflowStub stub(Provisioner provisioner, String node) {
    String id = WorkflowIds.node(node);
    io.fleetwright.testing.Await.until(
        java.time.Duration.ofMinutes(1),
        () -> {
          try {
            provisioner.client().newUntypedWorkflowStub(id).describe();
            return true;
          } catch (RuntimeException e) {
            return false;
          }
        },
        () -> id + " was not started");
    return provisioner.client().newUntypedWorkflowStub(id);
  }
}
