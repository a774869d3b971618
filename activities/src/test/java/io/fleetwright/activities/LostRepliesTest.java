package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.ConfigureInput;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.fleetwright.protocol.StatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step whose reply was lost although the node acted on it is recognised, not failed. */
class LostRepliesTest {
  private static final String NOT_PROVISIONING =
      "Cannot reconfigure a server that is not in provisioning mode";

  private final List<String> pings = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private NodeRpcActivitiesImpl activities(RpcReply provisioning, boolean pingAnswers) {
    return activities(provisioning, pingAnswers, false);
  }

  private NodeRpcActivitiesImpl activities(
      RpcReply provisioning, boolean pingAnswers, boolean provisioningHangs) {
    NodeRpc main =
        (identity, agent, action, data, timeout) -> {
          pings.add(identity + " " + agent + "#" + action);
          if (!pingAnswers) {
            throw new RpcTimeoutException(identity, agent, action, timeout, "0".repeat(32));
          }
          return RpcReply.ok("ping", Map.of("pong", 1));
        };
    NodeRpc provision =
        (identity, agent, action, data, timeout) -> {
          if (provisioningHangs) {
            try {
              // A provisioning RPC that never answers: blocks until the activity gives up on it.
              new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if (provisioning == null) {
            throw new RpcTimeoutException(identity, agent, action, timeout, "0".repeat(32));
          }
          return provisioning;
        };
    return new NodeRpcActivitiesImpl(
        provision,
        new LostReplies(main, java.time.Duration.ofMillis(50)),
        "s3cret",
        SecretSealer.derivedFrom("s3cret"),
        new ActivityMetrics(registry, "lab"));
  }

  private static ConfigureInput input() {
    return new ConfigureInput(
        "n1",
        Map.of("plugin.choria.server.provision", "false"),
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        Map.of());
  }

  @Test
  void aConfigureRefusedAsNotProvisioningOfANodeNowInItsCollectiveIsDone() {
    RpcReply refused = RpcReply.error("configure", StatusCode.ABORTED, NOT_PROVISIONING);
    String message = activities(refused, true).configure(input()).message();
    assertTrue(message.startsWith("n1 already configured"), message);
    assertEquals(List.of("n1 rpcutil#ping"), pings);
  }

  @Test
  void aConfigureWithoutReplyOfANodeNowInItsCollectiveIsDone() {
    String message = activities(null, true).configure(input()).message();
    assertTrue(message.startsWith("n1 already configured"), message);
  }

  @Test
  void aConfigureRefusedForAnotherReasonNeverProbes() {
    RpcReply refused = RpcReply.error("configure", StatusCode.ABORTED, "Could not write config");
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities(refused, true).configure(input()));
    assertEquals(FailureTypes.RPC_ABORTED, failure.getType(), failure.getMessage());
    assertEquals(List.of(), pings, "only a node gone from provisioning mode is probed");
  }

  @Test
  void aConfigureRefusedAsNotProvisioningOfANodeThatAnswersNowhereStillFails() {
    RpcReply refused = RpcReply.error("configure", StatusCode.ABORTED, NOT_PROVISIONING);
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities(refused, false).configure(input()));
    assertEquals(FailureTypes.NOT_PROVISIONING, failure.getType(), failure.getMessage());
  }

  @Test
  void aRestartWhoseReplyWasLostIsDoneWhenTheNodeAnswersInItsCollective() {
    String message = activities(null, true).restart("n1");
    assertTrue(message.startsWith("n1 already restarted"), message);
  }

  @Test
  void aRestartStillWaitingForItsReplyIsDoneOnceTheNodeAnswersInItsCollective() {
    // The activity times out together with the RPC, so the check cannot wait for the RPC's end.
    String message = activities(null, true, true).restart("n1");
    assertTrue(message.startsWith("n1 already restarted"), message);
  }

  @Test
  void aRestartTimeoutOfANodeThatAnswersNowhereStaysATimeout() {
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities(null, false).restart("n1"));
    assertEquals(FailureTypes.RPC_TIMEOUT, failure.getType(), failure.getMessage());
  }
}
