package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.FailureTypes;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.StatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectiveActivitiesImplTest {
  private final List<Map<String, Object>> sent = new ArrayList<>();

  private CollectiveActivitiesImpl answering(RpcReply reply) {
    return new CollectiveActivitiesImpl(
        (identity, agent, action, data, timeout, validUntil) -> {
          assertEquals("choria_provision", agent);
          assertEquals("reprovision", action);
          sent.add(data);
          return reply;
        },
        "s3cret",
        new ActivityMetrics(new SimpleMeterRegistry(), "lab"));
  }

  @Test
  void sendsReprovisionWithTheTokenAndReturnsTheNodesMessage() {
    String message =
        answering(RpcReply.ok("reprovision", Map.of("message", "Restarting after 7s")))
            .reprovision("n1");

    assertEquals("Restarting after 7s", message);
    assertEquals(List.of(Map.of("token", "s3cret")), sent);
  }

  @Test
  void countsANodeAlreadyInProvisioningModeAsDone() {
    String message =
        answering(
                RpcReply.error(
                    "reprovision",
                    StatusCode.ABORTED,
                    "Server is already in provisioning mode, cannot enable provisioning mode"
                        + " again"))
            .reprovision("n1");

    assertEquals("already in provisioning mode", message);
  }

  @Test
  void aWrongTokenIsAPermanentFailureThatSaysWhichSettingToFix() {
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                answering(
                        RpcReply.error(
                            "reprovision",
                            StatusCode.ABORTED,
                            "Incorrect provision token supplied"))
                    .reprovision("n1"));

    assertEquals(FailureTypes.TOKEN_REJECTED, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("set token"), failure.getOriginalMessage());
  }
}
