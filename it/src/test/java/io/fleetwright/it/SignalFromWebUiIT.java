package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.api.NodeStatus;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator acts from the Temporal Web UI: headless Chromium sends the {@code retry} signal from
 * a DEFERRED node's page, with the payload README.md says to paste, and the node moves on; an
 * {@code approve} signal that does not apply is ignored with a note.
 */
class SignalFromWebUiIT {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final String NODE = "node-00001.webui.example.net";

  @Test
  void theRetrySignalSentFromTheWebUiMovesADeferredNodeOn(@TempDir Path gates) throws Exception {
    Path helper = Path.of("src/test/resources/helpers/gated.py").toAbsolutePath();
    Path shots = Path.of("target", "webui").toAbsolutePath();
    Path script = Path.of("..", "ops", "webui-test", "send-signal.cjs");
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal =
            TemporalDevServer.start(
                TemporalDevServerOptions.builder()
                    .searchAttributes(Fixtures.SEARCH_ATTRIBUTES)
                    .ui(0)
                    .build());
        Provisioner p =
            Provisioner.start(
                ConfigLoader.parse(
                    """
                    helper: "/usr/bin/python3 %s %s"
                    token: webui
                    interval: 1h
                    loglevel: warn
                    temporal: {target: "%s"}
                    nats: {servers: ["%s"]}
                    defer: {initial_delay: 1h, max_delay: 2h}
                    """
                        .formatted(helper, gates, temporal.target(), nats.url())));
        Fleet fleet =
            Fleet.builder()
                .nodes(1)
                .natsUrl(nats.url())
                .token("webui")
                .identityPattern("node-%05d.webui.example.net")
                .splayScale(0.02)
                .build()
                .start()) {
      Await.until(
          WAIT,
          () -> p.operator().countsByState().get("DEFERRED") == 1,
          () -> p.operator().countsByState().toString());
      String ui = temporal.uiUrl().orElseThrow();
      String id = WorkflowIds.node(NODE);

      signal(script, shots, ui, id, "approve", "{\"by\": \"ui-test\"}");
      NodeStatus noted =
          Await.until(
              "a note on " + NODE, () -> p.operator().status(NODE), s -> !s.notes().isEmpty());
      assertTrue(
          noted.notes().get(0).contains("ignored signal approve: cannot approve " + NODE),
          noted.notes().toString());
      assertEquals(ProvisioningState.DEFERRED, noted.state());

      Files.createFile(gates.resolve(NODE));
      signal(script, shots, ui, id, "retry", "{\"by\": \"alice\", \"reason\": \"CMDB fixed\"}");
      fleet.awaitMode(NODE, NodeMode.PROVISIONED, WAIT);
      Await.until(
          WAIT,
          () -> p.operator().status(NODE).state() == ProvisioningState.PROVISIONED,
          () -> p.operator().status(NODE).toString());
    }
  }

  private static void signal(
      Path script, Path shots, String ui, String id, String signal, String payload)
      throws Exception {
    JsonNode sent =
        WebUiScript.run(script, shots, ui, "default", id, signal, payload, shots.toString());
    assertEquals(signal, sent.path("sent").asText(), sent.toString());
  }
}
