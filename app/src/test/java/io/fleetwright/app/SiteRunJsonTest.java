package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.SiteProgress;
import io.fleetwright.api.SiteRunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRunJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void progressIsOneLineWithTheDocumentedFieldNames() throws Exception {
    String line =
        SiteRunJson.progress(new SiteProgress("RUNNING", 2, 3, 1, 4, 10, 1, 0, 89, List.of("db1")));
    assertEquals(1, line.lines().count(), line);
    JsonNode p = JSON.readTree(line);
    assertEquals("progress", p.path("event").asText(), line);
    assertEquals(2, p.path("group").asInt(), line);
    assertEquals(3, p.path("groups").asInt(), line);
    assertEquals(4, p.path("batches").asInt(), line);
    assertEquals(89, p.path("pending").asInt(), line);
    assertEquals("db1", p.path("failed_nodes").path(0).asText(), line);
  }

  @Test
  void theResultCarriesTheExitCodeAndTheFailedNodes() throws Exception {
    JsonNode r =
        JSON.readTree(
            SiteRunJson.result(
                new SiteRunResult(false, "stopped", 12, List.of("db1: 2 failed"), List.of("w1")),
                1));
    assertEquals("result", r.path("event").asText(), r.toString());
    assertEquals(1, r.path("exit_code").asInt(), r.toString());
    assertEquals(false, r.path("succeeded").asBoolean(), r.toString());
    assertEquals("db1: 2 failed", r.path("failed").path(0).asText(), r.toString());
    assertEquals("w1", r.path("skipped").path(0).asText(), r.toString());
    assertEquals(
        "site/prod/x",
        JSON.readTree(SiteRunJson.started("site/prod/x")).path("workflow_id").asText());
  }
}
