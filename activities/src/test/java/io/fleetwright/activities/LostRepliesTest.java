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

  private NodeRpcActivitiesImpl activities(RpcReply provisioning, boolean pingAnswers, int try_) {
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
          if (provisioning == null) {
            throw new RpcTimeoutException(identity, agent, action, timeout, "0".repeat(32));
          }
          return provisioning;
        };
    return new NodeRpcActivitiesImpl(
        provision,
        new LostReplies(main, () -> try_),
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
  void aRetriedConfigureOfANodeNowInItsCollectiveIsDone() {
    RpcReply refused = RpcReply.error("configure", StatusCode.ABORTED, NOT_PROVISIONING);
    String message = activities(refused, true, 2).configure(input()).message();
    assertTrue(message.startsWith("n1 already configured"), message);
    assertEquals(List.of("n1 rpcutil#ping"), pings);
  }

  @Test
  void aFirstConfigureRefusedAsNotProvisioningStillFails() {
    RpcReply refused = RpcReply.error("configure", StatusCode.ABORTED, NOT_PROVISIONING);
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class, () -> activities(refused, true, 1).configure(input()));
    assertEquals(FailureTypes.NOT_PROVISIONING, failure.getType(), failure.getMessage());
    assertEquals(List.of(), pings, "a first try never probes");
  }

  @Test
  void aRetriedConfigureOfANodeThatAnswersNowhereStillFails() {
    RpcReply refused = RpcReply.error("configure", StatusCode.ABORTED, NOT_PROVISIONING);
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class, () -> activities(refused, false, 3).configure(input()));
    assertEquals(FailureTypes.NOT_PROVISIONING, failure.getType(), failure.getMessage());
  }

  @Test
  void aRestartWhoseReplyWasLostIsDoneWhenTheNodeAnswersInItsCollective() {
    String message = activities(null, true, 2).restart("n1");
    assertTrue(message.startsWith("n1 already restarted"), message);
  }

  @Test
  void aRestartTimeoutOfANodeThatAnswersNowhereStaysATimeout() {
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities(null, false, 1).restart("n1"));
    assertEquals(FailureTypes.RPC_TIMEOUT, failure.getType(), failure.getMessage());
  }
}
