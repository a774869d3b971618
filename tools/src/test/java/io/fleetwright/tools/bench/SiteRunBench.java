package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestration overhead of a 1,000-node, 10-group site run ({@link SiteOverhead}). Prints one JSON
 * line; run with {@code -Dtest=SiteRunBench}, or {@code provisioner bench --only orchestrator}.
 */
class SiteRunBench {
  @Test
  void measuresTheOverheadOfATenGroupSite(@TempDir Path dir) throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      SiteOverhead.Result r = SiteOverhead.measure(nats.url(), temporal.target(), dir, 1000, 10);
      assertEquals(1000, r.nodes());
      System.out.printf(
          "{\"bench\":\"site-run-overhead\",\"nodes\":%d,\"groups\":%d,\"wallSeconds\":%.2f,"
              + "\"sumSlowestRunSeconds\":%.2f,\"overhead\":%.2f}%n",
          r.nodes(), r.groups(), r.wallSeconds(), r.idealSeconds(), r.overhead());
    }
  }
}
