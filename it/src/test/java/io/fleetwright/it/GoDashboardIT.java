package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Exposition;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.Scrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Go provisioner's Grafana dashboard works unchanged: a running provisioner provisions a small
 * fleet (one node shut down by its helper, one failing), and its {@code /metrics} has every metric
 * name that dashboard queries, with every Go metric under its Go type and labels, in a scrape
 * Prometheus accepts; the Go counters agree with the durable record.
 */
class GoDashboardIT {
  private static final String SITE = "gocompat";

  @Test
  void everyMetricTheGoDashboardQueriesIsScrapedFromARunningProvisioner() throws Exception {
    Path helper = Path.of("src/test/resources/helpers/gocompat.py").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      var config =
          ConfigLoader.parse(
              """
              helper: "/usr/bin/python3 %s"
              token: go
              site: %s
              interval: 1h
              loglevel: warn
              temporal: {target: "%s"}
              nats: {servers: ["%s"]}
              monitor_port: %d
              monitor_address: 127.0.0.1
              """
                  .formatted(helper, SITE, temporal.target(), nats.url(), FreePorts.next()));
      try (Provisioner p = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(5)
                  .natsUrl(nats.url())
                  .token("go")
                  .splayScale(0.02)
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> ended(p) == 5,
            () -> p.operator().countsByState().toString());
        Map<String, Long> durable = p.operator().countsByState();
        int port = p.monitorPort().orElseThrow();
        // Temporal's SDK reports workflow counters on its own schedule: wait for them.
        Await.until(
            Duration.ofSeconds(30),
            () -> go(port, "choria_provisioner_helper_shutdown_requests").orElse(0.0) >= 1,
            () -> Scrape.get(port, "/metrics").body());
        String text = Scrape.get(port, "/metrics").body();
        Map<String, Exposition.Family> families = Exposition.parse(text);

        List<String> missing = new ArrayList<>();
        for (String name : Exposition.goDashboardNames()) {
          boolean present =
              families.values().stream()
                  .flatMap(f -> f.samples().stream())
                  .anyMatch(s -> s.name().equals(name) && SITE.equals(s.labels().get("site")));
          if (!present) {
            missing.add(name);
          }
        }
        assertEquals(List.of(), missing, "dashboard names missing from /metrics:\n" + text);
        for (Exposition.GoMetric m : Exposition.goMetrics()) {
          Exposition.Family f = families.get(m.name());
          assertTrue(f != null && !f.samples().isEmpty(), "no " + m.name() + " in\n" + text);
          assertEquals(m.type(), f.type(), m.name());
          f.samples().forEach(s -> assertEquals(m.labels(), s.labels().keySet(), s.toString()));
        }
        // The meters GoMetrics reads busy_workers and work_queue_entries from exist under the
        // names it looks for; a renamed source would leave those gauges at 0 unnoticed.
        assertTrue(
            families.get("temporal_worker_task_slots_used").samples().stream()
                .anyMatch(s -> "ActivityWorker".equals(s.labels().get("worker_type"))),
            "no temporal_worker_task_slots_used for ActivityWorker in\n" + text);
        assertTrue(families.containsKey("choria_provisioner_admission_waiting"), text);
        assertEquals(
            durable.get("PROVISIONED").doubleValue(),
            go(port, "choria_provisioner_provisioned").orElseThrow(),
            text);
        assertEquals(3L, durable.get("PROVISIONED"), durable.toString());
        assertEquals(1.0, go(port, "choria_provisioner_helper_shutdown_requests").orElseThrow());
        assertEquals(
            durable.get("FAILED").doubleValue(),
            go(port, "choria_provisioner_provision_errors").orElseThrow(),
            text);
      }
    }
  }

  private static long ended(Provisioner p) {
    Map<String, Long> c = p.operator().countsByState();
    return c.get("PROVISIONED") + c.get("FAILED") + c.get("SHUT_DOWN");
  }

  /** A site-only Go metric's value now. */
  private static Optional<Double> go(int port, String name) {
    return Exposition.parse(Scrape.get(port, "/metrics").body()).get(name).samples().stream()
        .filter(s -> s.name().equals(name))
        .map(Exposition.Sample::value)
        .findFirst();
  }
}
