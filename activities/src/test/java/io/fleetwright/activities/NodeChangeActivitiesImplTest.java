package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.ProtocolException;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.fleetwright.protocol.StatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeChangeActivitiesImplTest {
  private static final ConfigureInput INPUT =
      new ConfigureInput(
          "n1",
          Map.of("plugin.choria.server.provision", "false"),
          null,
          null,
          null,
          null,
          null,
          Map.of(),
          Map.of());
  private static final ChangeWindows QUICK =
      new ChangeWindows(
          Duration.ofMillis(20), Duration.ofMillis(20), Duration.ZERO, Duration.ofMillis(50), 3);

  /** A node in provisioning mode, as far as these steps can tell. */
  private static final class Node implements FencedNodeRpc {
    final List<String> actions = new ArrayList<>();
    final List<Instant> validUntil = new ArrayList<>();
    boolean configured;
    boolean gone;
    boolean loseConfigureReply;
    boolean brokenConnection;
    String restartRefusal = "";

    @Override
    public RpcReply call(
        String identity,
        String agent,
        String action,
        Map<String, Object> data,
        Duration timeout,
        Instant validUntil) {
      if (brokenConnection) {
        throw new ProtocolException("the connection to nats://127.0.0.1:4222 is closed");
      }
      if (gone) {
        throw new RpcTimeoutException(identity, agent, action, timeout, "0".repeat(32));
      }
      actions.add(action);
      this.validUntil.add(validUntil);
      return switch (action) {
        case "ping" -> RpcReply.ok("ping", Map.of("pong", 1));
        case "configure" -> {
          configured = true;
          if (loseConfigureReply) {
            throw new RpcTimeoutException(identity, agent, action, timeout, "1".repeat(32));
          }
          yield RpcReply.ok("configure", Map.of("message", "Wrote 2 lines"));
        }
        case "restart" -> restart();
        case "shutdown" -> RpcReply.ok("shutdown", Map.of("message", "Shutting down after 3s"));
        default -> throw new IllegalStateException("unexpected action " + action);
      };
    }

    private RpcReply restart() {
      if (!restartRefusal.isEmpty()) {
        return new RpcReply("restart", StatusCode.ABORTED.code(), restartRefusal, Map.of());
      }
      if (!configured) {
        return new RpcReply(
            "restart",
            StatusCode.ABORTED.code(),
            "Configuration /etc/choria/server.conf could not be parsed, restart cannot continue",
            Map.of());
      }
      return RpcReply.ok("restart", Map.of("message", "Restarting Choria Server after 2s"));
    }
  }

  private final Node node = new Node();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private NodeChangeActivitiesImpl activities(int attempt, Instant deadline) {
    return new NodeChangeActivitiesImpl(
        node,
        "t0ken",
        new ActivityMetrics(registry, "lab"),
        QUICK,
        windows -> new Fence(attempt, deadline, Clock.systemUTC()));
  }

  private static Instant inAMinute() {
    return Instant.now().plusSeconds(60);
  }

  private double retries(String found) {
    var counter = registry.find("fleetwright_node_change_retries").tag("found", found).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void theFirstAttemptConfiguresThenRestartsWithRequestsThatExpireAtItsFence() {
    Instant deadline = inAMinute();
    ApplyResult result = activities(1, deadline).applyConfiguration(INPUT);

    assertEquals(List.of("configure", "restart"), node.actions);
    assertEquals(List.of(deadline, deadline), node.validUntil);
    assertEquals(new ApplyResult("Wrote 2 lines", "Restarting Choria Server after 2s", 1), result);
  }

  @Test
  void anAttemptWhoseFenceHasPassedSendsNothing() {
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> activities(1, Instant.now().minusSeconds(1)).applyConfiguration(INPUT));

    assertEquals(FailureTypes.FENCE_PASSED, failure.getType());
    assertTrue(failure.getOriginalMessage().contains("did not send"), failure.getMessage());
    assertEquals(List.of(), node.actions);
  }

  @Test
  void anAttemptThatLostAReplyFailsOnlyOnceItsRequestCanNoLongerArrive() {
    node.loseConfigureReply = true;
    Instant deadline = Instant.now().plusSeconds(3); // room for a loaded host to send first

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class, () -> activities(1, deadline).applyConfiguration(INPUT));

    assertEquals(FailureTypes.RPC_TIMEOUT, failure.getType());
    assertTrue(Instant.now().isAfter(deadline), "failed before the fence at " + deadline);
    assertEquals(List.of("configure"), node.actions);
  }

  @Test
  void aLaterAttemptFindsTheNodeGoneAndChangesNothing() {
    node.gone = true;

    ApplyResult result = activities(2, inAMinute()).applyConfiguration(INPUT);

    assertEquals(List.of(), node.actions);
    assertEquals(2, result.attempt());
    assertTrue(result.restarted().contains("left provisioning mode"), result.restarted());
    assertEquals(1, retries("already_restarted"));
  }

  @Test
  void aLaterAttemptOnlyRestartsANodeAnEarlierOneConfigured() {
    node.configured = true;

    ApplyResult result = activities(3, inAMinute()).applyConfiguration(INPUT);

    assertEquals(List.of("ping", "restart"), node.actions);
    assertEquals("Restarting Choria Server after 2s", result.restarted());
    assertTrue(result.configured().contains("attempt 2 or earlier"), result.configured());
    assertEquals(1, retries("already_configured"));
  }

  @Test
  void aLaterAttemptConfiguresANodeThatRefusesToRestartUnconfigured() {
    ApplyResult result = activities(2, inAMinute()).applyConfiguration(INPUT);

    assertEquals(List.of("ping", "restart", "configure", "restart"), node.actions);
    assertEquals("Wrote 2 lines", result.configured());
    assertEquals(1, retries("not_configured"));
  }

  @Test
  void aLaterAttemptStopsAtARefusalThatIsNotAboutTheConfiguration() {
    node.restartRefusal = "Incorrect provision token supplied";

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class, () -> activities(2, inAMinute()).applyConfiguration(INPUT));

    assertEquals(FailureTypes.TOKEN_REJECTED, failure.getType());
    assertFalse(node.actions.contains("configure"), node.actions.toString());
  }

  @Test
  void aBrokenConnectionWhileProbingSaysNothingAboutTheNode() {
    node.brokenConnection = true;

    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class, () -> activities(2, inAMinute()).applyConfiguration(INPUT));

    assertEquals(FailureTypes.NODE_UNREACHABLE, failure.getType());
    assertTrue(failure.getOriginalMessage().contains("could not ask n1"), failure.getMessage());
  }

  @Test
  void aLaterShutdownAttemptFindsTheNodeGoneAndSendsNothing() {
    node.gone = true;

    String message = activities(2, inAMinute()).shutdownNode("n1");

    assertTrue(message.contains("gone from the provisioning collective"), message);
    assertEquals(List.of(), node.actions);
  }

  @Test
  void aLaterShutdownAttemptShutsDownANodeThatIsStillThere() {
    String message = activities(2, inAMinute()).shutdownNode("n1");

    assertEquals("Shutting down after 3s", message);
    assertEquals(List.of("ping", "shutdown"), node.actions);
  }
}
