package io.fleetwright.app.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.testing.Scrape;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * /healthz says not ready, naming what is missing, until every start-up stage was reached and
 * Temporal and NATS are connected now; it reports the two connections separately.
 */
class ReadinessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Readiness readiness = new Readiness();
  private final AtomicReference<String> temporal = new AtomicReference<>();
  private final AtomicBoolean nats = new AtomicBoolean();
  private final AtomicBoolean stalled = new AtomicBoolean();

  private JsonNode get(MonitorServer server, int expectedStatus) throws Exception {
    Scrape.Reply reply = Scrape.get(server.port(), "/healthz");
    assertEquals(expectedStatus, reply.status(), reply.body());
    return JSON.readTree(reply.body());
  }

  private MonitorServer server() {
    return new MonitorServer(
        "127.0.0.1",
        0,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)::scrape,
        readiness.healthSupplier(
            temporal::get,
            state -> TemporalConnection.usable(io.grpc.ConnectivityState.valueOf(state)),
            nats::get,
            stalled::get));
  }

  @Test
  void namesEveryStageMissingUntilEachIsReached() throws Exception {
    try (MonitorServer server = server()) {
      JsonNode before = get(server, 503);
      assertEquals("not ready", before.get("status").asText());
      assertEquals("not connected", before.get("temporal").asText());
      assertEquals("not connected", before.get("nats").asText());
      assertEquals(
          List.of(
              "Temporal connected",
              "NATS connected",
              "helper ready",
              "worker polling",
              "discovery subscribed"),
          JSON.convertValue(before.get("missing"), List.class));

      temporal.set("READY");
      nats.set(true);
      readiness.reached(Readiness.Stage.TEMPORAL_CONNECTED, "test");
      readiness.reached(Readiness.Stage.NATS_CONNECTED, "test");
      readiness.reached(Readiness.Stage.HELPER_READY, "test");
      readiness.reached(Readiness.Stage.DISCOVERY_SUBSCRIBED, "test");
      JsonNode almost = get(server, 503);
      assertEquals(List.of("worker polling"), JSON.convertValue(almost.get("missing"), List.class));
      assertTrue(almost.get("stages").get("helper ready").asBoolean(), almost.toString());
      assertFalse(almost.get("stages").get("worker polling").asBoolean(), almost.toString());

      readiness.reached(Readiness.Stage.WORKER_POLLING, "test");
      JsonNode ready = get(server, 200);
      assertEquals("ok", ready.get("status").asText());
      assertEquals("READY", ready.get("temporal").asText());
      assertEquals("connected", ready.get("nats").asText());
      assertFalse(ready.has("missing"), ready.toString());
    }
  }

  @Test
  void reportsALostTemporalAndALostNatsConnectionSeparately() throws Exception {
    for (Readiness.Stage stage : Readiness.Stage.values()) {
      readiness.reached(stage, "test");
    }
    try (MonitorServer server = server()) {
      temporal.set("TRANSIENT_FAILURE");
      nats.set(true);
      JsonNode temporalDown = get(server, 503);
      assertEquals("TRANSIENT_FAILURE", temporalDown.get("temporal").asText());
      assertEquals("connected", temporalDown.get("nats").asText());
      assertEquals(
          List.of("Temporal connection (TRANSIENT_FAILURE)"),
          JSON.convertValue(temporalDown.get("missing"), List.class));

      temporal.set("IDLE");
      nats.set(false);
      JsonNode natsDown = get(server, 503);
      assertEquals("IDLE", natsDown.get("temporal").asText());
      assertEquals("disconnected", natsDown.get("nats").asText());
      assertEquals(
          List.of("NATS connection"), JSON.convertValue(natsDown.get("missing"), List.class));

      nats.set(true);
      stalled.set(true);
      JsonNode standingStill = get(server, 503);
      assertEquals(
          List.of("progress: node runs stand still, see the log"),
          JSON.convertValue(standingStill.get("missing"), List.class));
    }
  }

  @Test
  void aStageIsReachedOnce() {
    readiness.reached(Readiness.Stage.HELPER_READY, "first");
    readiness.reached(Readiness.Stage.HELPER_READY, "again");
    assertEquals(4, readiness.missing().size());
    assertFalse(readiness.missing().contains(Readiness.Stage.HELPER_READY));
  }
}
