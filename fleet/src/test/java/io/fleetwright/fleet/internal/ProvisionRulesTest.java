package io.fleetwright.fleet.internal;

import static io.fleetwright.fleet.internal.Calls.config;
import static io.fleetwright.fleet.internal.Calls.provision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisionRulesTest {
  private final FakeHost host = new FakeHost(Optional.of("s3cret"));
  private final EmulatedNode node = host.node("node1.lab.local");

  @ParameterizedTest
  @ValueSource(strings = {"configure", "gencsr", "gen25519", "jwt", "restart", "shutdown"})
  void refusesAWrongTokenWithStatusOne(String action) {
    ActionResult result =
        node.call(
            provision(
                action,
                "token",
                "wrong",
                "config",
                config("plugin.choria.server.provision", "false")));
    assertEquals(1, result.statusCode(), result.toString());
    assertEquals("Incorrect provision token supplied", result.statusMsg());
    assertEquals(Map.of(), result.data());
  }

  @Test
  void acceptsAnyTokenWhenTheFleetHasNone() {
    EmulatedNode open = new FakeHost(Optional.empty()).node("node2.lab.local");
    ActionResult result = open.call(provision("gen25519", "token", "anything", "nonce", "abc"));
    assertEquals(0, result.statusCode(), result.toString());
  }

  @Test
  void refusesASecondCallerWhileTheFirstHoldsTheLock() {
    assertEquals(
        0, node.call(provision("gen25519", "token", "s3cret", "nonce", "n1")).statusCode());
    ActionCall other =
        Calls.call(
            "choria_provision", "gen25519", "other.lab.local", "choria=other", "token", "s3cret");
    ActionResult refused = node.call(other);
    assertEquals(1, refused.statusCode(), refused.toString());
    assertEquals("Could not obtain provisioning lock", refused.statusMsg());
  }

  @Test
  void keysTheLockBySenderAndCaller() {
    assertEquals(0, node.call(provision("jwt", "token", "s3cret")).statusCode());
    ActionCall sameSenderOtherCaller =
        Calls.call(
            "choria_provision", "jwt", Calls.SENDER, "choria=someone.else", "token", "s3cret");
    assertEquals(1, node.call(sameSenderOtherCaller).statusCode());
  }

  @Test
  void renewsTheLockForItsHolderOnEveryLockedCall() {
    node.call(provision("jwt", "token", "s3cret"));
    host.clock.advance(Duration.ofSeconds(100));
    node.call(provision("jwt", "token", "s3cret"));
    host.clock.advance(Duration.ofSeconds(100));
    ActionCall other = Calls.call("choria_provision", "jwt", "x", "choria=x", "token", "s3cret");
    assertEquals(
        "Could not obtain provisioning lock",
        node.call(other).statusMsg(),
        "200 s after the first call but 100 s after the renewal, the lease still holds");
  }

  @Test
  void freesTheLockTwoMinutesAfterTheLastLockedCall() {
    node.call(provision("jwt", "token", "s3cret"));
    host.clock.advance(Duration.ofMinutes(2));
    ActionCall other = Calls.call("choria_provision", "jwt", "x", "choria=x", "token", "s3cret");
    assertEquals(0, node.call(other).statusCode());
  }

  @Test
  void takesTheLockEvenWhenTheTokenIsWrong() {
    assertEquals(1, node.call(provision("jwt", "token", "wrong")).statusCode());
    ActionCall other = Calls.call("choria_provision", "jwt", "x", "choria=x", "token", "s3cret");
    assertEquals("Could not obtain provisioning lock", node.call(other).statusMsg());
  }

  @Test
  void letsRestartAndShutdownPassALockHeldBySomeoneElse() {
    node.call(provision("jwt", "token", "s3cret"));
    ActionCall restart =
        Calls.call("choria_provision", "restart", "x", "choria=x", "token", "s3cret");
    ActionResult result = node.call(restart);
    assertTrue(
        result.statusMsg().contains("could not be parsed"),
        "restart is not locked, so it reaches its own config check: " + result.statusMsg());
  }

  @Test
  void answersAnUnknownActionWithStatusTwo() {
    ActionResult result = node.call(provision("explode"));
    assertEquals(2, result.statusCode());
    assertEquals("Unknown action explode for agent choria_provision", result.statusMsg());
    ActionResult rpcutil = node.call(Calls.call("rpcutil", "nope", "s", "c"));
    assertEquals("Unknown action nope for agent rpcutil", rpcutil.statusMsg());
  }

  @Test
  void answersDataOfTheWrongTypeWithStatusFour() {
    ActionResult number = node.call(provision("jwt", "token", 42));
    assertEquals(4, number.statusCode(), number.toString());
    assertTrue(number.statusMsg().contains("field token must be a string"), number.statusMsg());
    ActionResult floatSplay = node.call(provision("restart", "token", "s3cret", "splay", 1.5));
    assertEquals(4, floatSplay.statusCode(), floatSplay.toString());
    assertTrue(floatSplay.statusMsg().contains("splay"), floatSplay.statusMsg());
  }

  @Test
  void refusesProvisioningActionsOutsideProvisioningMode() {
    provisionAndRestart();
    for (String action : List.of("configure", "gencsr", "gen25519", "jwt")) {
      ActionResult result = node.call(provision(action, "token", "s3cret"));
      assertEquals(1, result.statusCode(), action + ": " + result);
      assertEquals(
          "Cannot reconfigure a server that is not in provisioning mode",
          result.statusMsg(),
          action);
    }
    assertEquals(
        "Cannot update a server that is not in provisioning mode",
        node.call(provision("release_update", "token", "s3cret")).statusMsg());
  }

  @Test
  void refusesReprovisionWhileProvisioning() {
    ActionResult result = node.call(provision("reprovision", "token", "s3cret"));
    assertEquals(
        "Server is already in provisioning mode, cannot enable provisioning mode again",
        result.statusMsg());
  }

  @Test
  void refusesReleaseUpdateBecauseUpdatesAreNotAllowed() {
    ActionResult result =
        node.call(
            provision(
                "release_update", "token", "s3cret", "repository", "https://x", "version", "1"));
    assertEquals(1, result.statusCode());
    assertEquals("Version updates is not enabled in the configuration", result.statusMsg());
  }

  private void provisionAndRestart() {
    ActionResult configured =
        node.call(
            provision(
                "configure",
                "token",
                "s3cret",
                "config",
                config("plugin.choria.server.provision", "false")));
    assertEquals(0, configured.statusCode(), configured.toString());
    assertEquals(0, node.call(provision("restart", "token", "s3cret", "splay", 1)).statusCode());
    host.runScheduled();
  }
}
