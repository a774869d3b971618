package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.AwaitVersionInput;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.NodeReturn;
import io.fleetwright.api.UpdateInput;
import io.fleetwright.api.UpdateResult;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.fleetwright.protocol.StatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeUpgradeActivitiesImplTest {
  private static final UpdateInput INPUT = new UpdateInput("n1", "http://repo:8080", "0.99.0");
  private static final ChangeWindows QUICK =
      new ChangeWindows(
          Duration.ofMillis(20), Duration.ofMillis(20), Duration.ZERO, Duration.ofMillis(50), 1);

  /** A node whose inventory answers follow a script: a version, or null for no answer. */
  private static final class Node implements FencedNodeRpc {
    final List<String> actions = new ArrayList<>();
    final List<Map<String, Object>> updates = new ArrayList<>();
    final Deque<String> versions = new java.util.LinkedList<>();
    String lastVersion = "0.30.2";
    String refusal = "";

    @Override
    public RpcReply call(
        String identity,
        String agent,
        String action,
        Map<String, Object> data,
        Duration timeout,
        Instant validUntil) {
      actions.add(action);
      return switch (action) {
        case "inventory" -> inventory(identity, timeout);
        case "release_update" -> {
          updates.add(data);
          yield refusal.isEmpty()
              ? RpcReply.ok(
                  "release_update", Map.of("message", "Restarting Choria Server after 2s"))
              : new RpcReply("release_update", StatusCode.ABORTED.code(), refusal, Map.of());
        }
        default -> throw new IllegalStateException("unexpected action " + action);
      };
    }

    private RpcReply inventory(String identity, Duration timeout) {
      String version = versions.isEmpty() ? lastVersion : versions.poll();
      lastVersion = version;
      if (version == null) {
        throw new RpcTimeoutException(identity, "rpcutil", "inventory", timeout, "0".repeat(32));
      }
      return RpcReply.ok("inventory", Map.of("version", version, "upgradable", true));
    }
  }

  private final Node node = new Node();

  private NodeUpgradeActivitiesImpl activities(int attempt) {
    return new NodeUpgradeActivitiesImpl(
        node,
        "t0ken",
        new ActivityMetrics(new SimpleMeterRegistry(), "lab"),
        QUICK,
        Clock.systemUTC(),
        windows -> new Fence(attempt, Instant.now().plusSeconds(60), Clock.systemUTC()));
  }

  private static AwaitVersionInput await(Duration within) {
    return new AwaitVersionInput("n1", "0.30.2", "0.99.0", Instant.now().plus(within));
  }

  @Test
  void theFirstAttemptSendsReleaseUpdateWithTheTokenRepositoryAndVersion() {
    UpdateResult result = activities(1).releaseUpdate(INPUT);

    assertEquals(new UpdateResult(true, "Restarting Choria Server after 2s", 1), result);
    assertEquals(
        List.of(Map.of("repository", "http://repo:8080", "token", "t0ken", "version", "0.99.0")),
        node.updates);
  }

  @Test
  void aRefusalIsAResultWithTheNodesMessageSoTheWorkflowCanSkipIt() {
    node.refusal =
        "Update to version 0.99.0 failed, release rolled back: downloaded file had an invalid"
            + " checksum";

    UpdateResult result = activities(1).releaseUpdate(INPUT);

    assertFalse(result.accepted());
    assertEquals(node.refusal, result.message());
  }

  @Test
  void aLockedNodeIsARetryableFailure() {
    node.refusal = "Could not obtain provisioning lock";

    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities(1).releaseUpdate(INPUT));

    assertEquals(FailureTypes.NODE_LOCKED, failure.getType());
  }

  @Test
  void aRetryFindsTheNodeGoneAndSendsNothingAgain() {
    node.lastVersion = null;

    UpdateResult result = activities(2).releaseUpdate(INPUT);

    assertTrue(result.accepted());
    assertTrue(result.message().contains("stopped answering after attempt 1"), result.message());
    assertEquals(List.of(), node.updates);
  }

  @Test
  void aRetryFindsTheNodeOnItsOldVersionAndUpdatesIt() {
    UpdateResult result = activities(2).releaseUpdate(INPUT);

    assertTrue(result.accepted());
    assertEquals(List.of("inventory", "release_update"), node.actions);
  }

  @Test
  void waitsThroughTheRestartUntilTheNodeReportsTheNewVersion() {
    node.versions.addAll(java.util.Arrays.asList("0.30.2", null, null, "0.99.0"));

    NodeReturn back = activities(1).awaitVersion(await(Duration.ofSeconds(30)));

    assertEquals(new NodeReturn(true, "0.99.0", 4), back);
  }

  @Test
  void aNodeBackOnItsOldVersionAfterItWasGoneIsReportedAtOnce() {
    node.versions.addAll(java.util.Arrays.asList(null, "0.30.2"));

    NodeReturn back = activities(1).awaitVersion(await(Duration.ofSeconds(30)));

    assertEquals(new NodeReturn(true, "0.30.2", 2), back);
  }

  @Test
  void aNodeThatNeverComesBackIsNotAnsweredAtTheDeadline() {
    node.lastVersion = null;

    NodeReturn back = activities(1).awaitVersion(await(Duration.ofMillis(600)));

    assertFalse(back.answered(), back.toString());
    assertEquals("", back.version());
  }
}
