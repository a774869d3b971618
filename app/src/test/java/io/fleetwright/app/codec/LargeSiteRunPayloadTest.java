package io.fleetwright.app.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.SiteResume;
import io.fleetwright.api.SiteRunInput;
import io.fleetwright.site.BatchSchedule;
import io.fleetwright.site.SiteFile;
import io.fleetwright.site.SiteFiles;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePlanOptions;
import io.fleetwright.site.SitePlanner;
import io.fleetwright.site.SitePolicy;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeSiteRunPayloadTest {
  private static final int LAYERS = 10;
  private static final int PER_LAYER = 1_000;
  private static final long TEMPORAL_PAYLOAD_LIMIT = 2L * 1024 * 1024;

  @TempDir Path dir;

  /** Ten layers of a thousand nodes; each node consumes two services of the layer before. */
  private Path tenThousandNodeSite() throws Exception {
    List<String> components = new ArrayList<>();
    for (int layer = 0; layer < LAYERS; layer++) {
      for (int i = 0; i < PER_LAYER; i++) {
        String node = "node-%d-%04d.datacentre-one.example.net".formatted(layer, i);
        StringBuilder c = new StringBuilder();
        c.append(
            "\"Tier::L%d[%d]\":{\"node\":\"%s\",\"produces\":[\"Svc[%d-%d]\"]"
                .formatted(layer, i, node, layer, i));
        if (layer > 0) {
          c.append(
              ",\"consumes\":[\"Svc[%d-%d]\",\"Svc[%d-%d]\"]"
                  .formatted(layer - 1, i, layer - 1, (i * 7 + 3) % PER_LAYER));
        }
        components.add(c.append('}').toString());
      }
    }
    String json =
        "{\"environment\":\"production\",\"applications\":{\"Tier[main]\":{"
            + String.join(",", components)
            + "}}}";
    return Files.writeString(dir.resolve("site.json"), json);
  }

  @Test
  void theInputOfAContinuedTenThousandNodeRunFitsInOneTemporalPayload() throws Exception {
    SiteFile site = SiteFiles.load(tenThousandNodeSite());
    SitePlanOptions options = new SitePlanOptions(null, BatchSchedule.parse("1"));
    SitePlan plan = SitePlanner.plan(site, options);
    List<String> nodes = plan.levels().stream().flatMap(l -> l.nodes().stream()).toList();
    Map<String, String> failed = new LinkedHashMap<>();
    nodes.stream().limit(500).forEach(n -> failed.put(n, "Puppet run had 2 failed resources"));
    SiteRunInput input =
        new SiteRunInput("r1", plan, SitePolicy.DEFAULTS, SitePlanner.prerequisites(site, options))
            .continuingAt(
                new SiteResume(
                    9, 900, true, true, false, null, nodes.subList(500, 9_900), failed, List.of()));
    DataConverter converter = CodecKeys.converter(Optional.empty());

    Payload payload = converter.toPayload(input).orElseThrow();
    SiteRunInput back = converter.fromPayload(payload, SiteRunInput.class, SiteRunInput.class);

    assertTrue(
        payload.getSerializedSize() < TEMPORAL_PAYLOAD_LIMIT / 4,
        "a 10,000-node run's input is "
            + payload.getSerializedSize()
            + " bytes after the codec; Temporal refuses payloads over 2 MiB");
    assertEquals(input, back);
    System.out.printf(
        "{\"siteRunInputBytes\":%d,\"nodes\":%d}%n", payload.getSerializedSize(), nodes.size());
  }
}
