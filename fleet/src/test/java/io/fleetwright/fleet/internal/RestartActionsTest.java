package io.fleetwright.fleet.internal;

import static io.fleetwright.fleet.internal.Calls.config;
import static io.fleetwright.fleet.internal.Calls.provision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.Fault;
import io.fleetwright.fleet.NodeMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartActionsTest {
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private final EmulatedNode node = host.node("node1.lab.local");

  private void configure(String... kv) {
    ActionResult result =
        node.call(provision("configure", "token", "s3cret", "config", config(kv)));
    assertEquals(0, result.statusCode(), result.toString());
  }

  @Test
  void refusesToRestartBeforeAnyConfigurationWasWritten() {
    ActionResult result = node.call(provision("restart", "token", "s3cret"));
    assertEquals(1, result.statusCode());
    assertTrue(result.statusMsg().contains("restart cannot continue"), result.statusMsg());
  }

  @Test
  void restartsIntoTheCollectivesOfItsConfiguration() {
    node.start();
    configure(
        "plugin.choria.server.provision",
        "false",
        "main_collective",
        "acme",
        "collectives",
        "acme,other");
    host.events.clear();
    ActionResult result = node.call(provision("restart", "token", "s3cret", "splay", 1));
    assertEquals("Restarting Choria Server after 2s", result.data().get("message"));
    assertEquals(NodeMode.PROVISIONING, node.mode(), "still provisioning until the splay is over");
    host.runScheduled();
    assertEquals(NodeMode.PROVISIONED, node.mode());
    assertEquals(List.of("acme", "other"), node.collectives());
    assertEquals(
        List.of("shutdown provision_mode_server", "leave", "join [acme, other]", "startup server"),
        host.events);
    assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(2)), host.delays);
  }

  @Test
  void comesBackInProvisioningModeWhenTheConfigurationLeavesItUndecided() {
    // The provisioning JWT's default (chpd) decides then, as for a real go-choria server.
    configure("loglevel", "info");
    node.call(provision("restart", "token", "s3cret", "splay", 1));
    host.runScheduled();
    assertEquals(NodeMode.PROVISIONING, node.mode());
    assertEquals(List.of("provisioning"), node.collectives());
  }

  @Test
  void restartsIntoMcollectiveWhenTheConfigurationNamesNoCollective() {
    configure("plugin.choria.server.provision", "false");
    node.call(provision("restart", "token", "s3cret", "splay", 1));
    host.runScheduled();
    assertEquals(List.of("mcollective"), node.collectives());
    assertEquals("mcollective", RpcutilAgent.inventory(node).get("main_collective"));
  }

  @Test
  void picksItsSplayBetweenTwoSecondsAndSplayPlusOne() {
    configure("plugin.choria.server.provision", "false");
    String message =
        (String)
            node.call(provision("restart", "token", "s3cret", "splay", 5)).data().get("message");
    int seconds = Integer.parseInt(message.replaceAll("\\D", ""));
    assertTrue(seconds >= 2 && seconds <= 6, message);
  }

  @Test
  void neverComesBackWhenTheFaultSaysSo() {
    node.setFault(Fault.NEVER_RETURN_AFTER_RESTART, true);
    configure("plugin.choria.server.provision", "false");
    assertEquals(0, node.call(provision("restart", "token", "s3cret", "splay", 1)).statusCode());
    host.runScheduled();
    assertEquals(NodeMode.GONE, node.mode());
    assertTrue(host.events.contains("shutdown provision_mode_server"), host.events.toString());
    assertTrue(
        host.events.stream().noneMatch(e -> e.startsWith("startup")), host.events.toString());
  }

  @Test
  void reprovisionsAProvisionedServerAndRefusesToRestartItThenUntilConfigured() {
    node.start();
    configure("plugin.choria.server.provision", "false");
    node.call(provision("restart", "token", "s3cret", "splay", 1));
    host.runScheduled();
    ActionResult result = node.call(provision("reprovision", "token", "s3cret"));
    assertTrue(
        ((String) result.data().get("message")).matches("Restarting after \\d+s"),
        result.toString());
    host.runScheduled();
    assertEquals(NodeMode.PROVISIONING, node.mode());
    assertEquals(List.of("provisioning"), node.collectives());
    assertEquals("startup provision_mode_server", host.events.get(host.events.size() - 2));
    assertEquals("register", host.events.get(host.events.size() - 1));
    ActionResult restart = node.call(provision("restart", "token", "s3cret"));
    assertEquals(
        "Configuration /etc/choria/server.conf enables provisioning, restart cannot continue",
        restart.statusMsg());
  }

  @Test
  void shutsDownAfterReplyingAndAnnouncesIt() {
    node.start();
    ActionResult result = node.call(provision("shutdown", "token", "s3cret"));
    assertTrue(
        ((String) result.data().get("message")).startsWith("Shutting Choria Server down after "));
    assertEquals(NodeMode.PROVISIONING, node.mode());
    host.runScheduled();
    assertEquals(NodeMode.SHUT_DOWN, node.mode());
    assertEquals(List.of("shutdown provision_mode_server", "leave"), host.events.subList(3, 5));
  }

  @Test
  void refusesRestartOutsideProvisioningModeWithoutAToken() {
    FakeHost open = new FakeHost(Optional.empty());
    EmulatedNode n = open.node("n");
    n.call(provision("configure", "config", config("plugin.choria.server.provision", "false")));
    n.call(provision("restart", "splay", 1));
    open.runScheduled();
    assertEquals(NodeMode.PROVISIONED, n.mode());
    assertEquals(
        "Cannot restart a server that is not in provisioning mode or with no token set",
        n.call(provision("restart")).statusMsg());
  }

  @Test
  void countsEveryRestartItAcceptsAndNoneItRefuses() {
    node.start();
    node.call(provision("restart", "token", "s3cret", "splay", 1));
    assertEquals(0, node.restartCount(), "refused: nothing was configured yet");
    configure("plugin.choria.server.provision", "false");
    assertEquals(0, node.call(provision("restart", "token", "s3cret", "splay", 1)).statusCode());
    assertEquals(1, node.restartCount());
    // A second restart while the first is pending is accepted too: the node was told twice.
    assertEquals(0, node.call(provision("restart", "token", "s3cret", "splay", 1)).statusCode());
    assertEquals(2, node.restartCount());
    node.call(provision("restart", "token", "wrong", "splay", 1));
    assertEquals(2, node.restartCount(), "a bad token is refused and not counted");
    assertEquals(0, node.shutdownCount());
  }

  @Test
  void countsEveryShutdownItAccepts() {
    node.start();
    node.call(provision("shutdown", "token", "wrong"));
    assertEquals(0, node.shutdownCount());
    node.call(provision("shutdown", "token", "s3cret"));
    node.call(provision("shutdown", "token", "s3cret"));
    assertEquals(2, node.shutdownCount());
    assertEquals(0, node.restartCount());
  }
}
