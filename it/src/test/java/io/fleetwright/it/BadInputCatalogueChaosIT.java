package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.LifecycleFormat;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue: every case is one named bad input with the clear error it must give. All
 * run against one provisioner and one fleet; the healthy nodes provisioned alongside must all end
 * PROVISIONED, and the provisioner keeps running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueChaosIT {
  static final int NODES = 60;
  static final int FIRST_HEALTHY = 15;
  static final String TOKEN = "catalogue";

  NatsServer nats;
  TemporalDevServer temporal;
  Provisioner provisioner;
  Fleet fleet;
  Connection raw;
  ChoriaClient publisher;
  LogLines logs;
  Path dir;
  Instant started;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("catalogue");
    logs = new LogLines();
    nats = NatsServer.start(NatsServerOptions.builder().maxPayload(8 * 1024 * 1024).build());
    temporal = Fixtures.startTemporal();
    Path helper = Path.of("src/test/resources/helpers/badoutput.py").toAbsolutePath();
    provisioner =
        Provisioner.start(
            ConfigLoader.parse(
                """
                helper: "/usr/bin/python3 %s"
                helper_timeout: 2s
                token: %s
                identity: fleetwright.catalogue
                interval: 5s
                workers: 32
                features: {pki: true}
                cert_deny_list: ['^node-00013\\.', '\\.choria$']
                # node-00014's replies never decode: fail its reads after 90s, not the 3m default.
                read_steps_budget: 90s
                temporal: {target: "%s"}
                nats: {servers: ["%s"]}
                """
                    .formatted(helper, TOKEN, temporal.target(), nats.url())));
    fleet = Fleet.builder().nodes(NODES).natsUrl(nats.url()).token(TOKEN).splayScale(0.02).build();
    fleet.node(BadInputCases.node(12)).orElseThrow().setFault(Fault.BAD_CSR_CN, true);
    fleet.node(BadInputCases.node(14)).orElseThrow().setFault(Fault.MALFORMED_REPLIES, true);
    started = Instant.now();
    fleet.start();
    raw = Nats.connect(nats.url());
    publisher =
        ChoriaClient.builder()
            .natsUrl(nats.url())
            .identity("catalogue.test")
            .callerId("choria=catalogue.test")
            .connect();
  }

  static Stream<BadInputCases.Case> cases() {
    return BadInputCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachBadInputGivesItsClearError(BadInputCases.Case badInput) throws Exception {
    String actual = badInput.provoke().apply(this);
    assertTrue(
        actual.contains(badInput.expected()),
        badInput.name()
            + ": expected an error containing ["
            + badInput.expected()
            + "], got ["
            + actual
            + "]");
  }

  @AfterAll
  void healthyNodesCarryOn() throws Exception {
    try {
      List<FleetNode> healthy = fleet.nodes(n -> n.index() >= FIRST_HEALTHY);
      Await.until(
          Duration.ofMinutes(5),
          () -> healthy.stream().allMatch(n -> n.mode() == NodeMode.PROVISIONED),
          () -> "healthy nodes provisioned: " + fleet.countsByMode());
      int lost = (int) healthy.stream().filter(n -> n.mode() != NodeMode.PROVISIONED).count();
      ChaosCounts counts = ChaosCounts.of(healthy);
      ChaosResults.record(
          "bad-input catalogue (" + BadInputCases.all().size() + " cases)",
          BadInputCases.all().size(),
          FIRST_HEALTHY - 1 + BadInputCases.ROGUES,
          lost,
          counts.configuredTwice(),
          counts.restartedTwice(),
          Duration.between(started, Instant.now()));
      assertEquals(0, lost, "healthy nodes lost");
      assertTrue(counts.clean(), "healthy nodes: " + counts);
      assertTrue(publisher.connected(), "the provisioner's broker is still up");
      assertEquals(
          NodeMode.PROVISIONED,
          fleet.node(BadInputCases.node(NODES)).orElseThrow().mode(),
          "the last healthy node");
    } finally {
      closeAll();
    }
  }

  private void closeAll() throws Exception {
    publisher.close();
    raw.close();
    fleet.close();
    provisioner.close();
    temporal.close();
    nats.close();
    logs.close();
  }

  /** Waits until a node's workflow has FAILED and returns its last message. */
  String failureOf(String identity) {
    AtomicReference<NodeStatus> last = new AtomicReference<>();
    Await.until(
        Duration.ofMinutes(3),
        () -> {
          try {
            last.set(provisioner.operator().status(identity));
            return last.get().state() == ProvisioningState.FAILED;
          } catch (RuntimeException e) {
            return false;
          }
        },
        () -> identity + " to fail; status " + last.get());
    return last.get().lastMessage();
  }

  /** Publishes raw bytes and returns the first log line after it that contains {@code marker}. */
  /**
   * Publishes {@code payload} and returns the first line after it with {@code marker} that can be
   * about it: node-00014's malformed replies log "Dropped reply on <our reply subject>" all through
   * the run, so a case about a subject other than a reply subject skips those.
   */
  String publishAndLog(String subject, byte[] payload, String marker) throws Exception {
    int from = logs.size();
    raw.publish(subject, payload);
    raw.flush(Duration.ofSeconds(5));
    boolean reply = subject.startsWith("provisioning.reply.");
    return awaitLog(
        from,
        marker,
        line -> line.contains(marker) && (reply || !line.contains("Dropped reply on ")));
  }

  String awaitLog(int from, String marker) {
    return awaitLog(from, marker, line -> line.contains(marker));
  }

  private String awaitLog(int from, String marker, Predicate<String> match) {
    Await.until(
        Duration.ofSeconds(60),
        () -> logs.findAfter(from, match).isPresent(),
        () -> "a log line containing [" + marker + "]; last warnings " + logs.lastWarnings(5));
    return logs.findAfter(from, match).orElseThrow();
  }

  /** Starts a rogue node, announces it, and returns the first log line naming its misdeed. */
  String rogue(String identity, RogueNode.Mode mode, String marker) throws Exception {
    int from = logs.size();
    try (RogueNode node = new RogueNode(nats.url(), identity, mode)) {
      publisher.publishLifecycle(
          LifecycleEvent.create(
              LifecycleEvent.STARTUP,
              identity,
              LifecycleEvent.PROVISION_MODE_SERVER,
              "0.29.4",
              Instant.now()),
          LifecycleFormat.CHORIA);
      return awaitLog(from, marker);
    }
  }

  Optional<FleetNode> node(int index) {
    return fleet.node(BadInputCases.node(index));
  }
}
