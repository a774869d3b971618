package io.fleetwright.app.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.testing.Exposition;
import io.fleetwright.testing.Scrape;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Go provisioner's metrics come out under their Go name, type and labels, with the values of
 * our own meters, beside our own metrics and the JVM's, in one scrape Prometheus accepts.
 */
class GoMetricsTest {
  private static final String CONFIGURE = "choria_provision#configure";
  private static final String INVENTORY = "rpcutil#inventory";

  private final PrometheusMeterRegistry registry = Meters.prometheus("lab");
  private final AtomicInteger paused = new AtomicInteger();
  private final GoMetrics go = new GoMetrics(registry, "lab", paused::get, () -> 7);

  private Counter counter(String name, String... tags) {
    return Counter.builder(name).tags(tags).register(registry);
  }

  private Map<String, Exposition.Family> scrape() {
    String text = Meters.exposition(registry, go).get();
    try {
      return Exposition.parse(text);
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage() + " in\n" + text, e);
    }
  }

  private static double value(
      Map<String, Exposition.Family> families, String sample, Map<String, String> labels) {
    return families.values().stream()
        .flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals(sample) && s.labels().equals(labels))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + sample + labels + " in " + families.keySet()))
        .value();
  }

  private static Map<String, String> site(String... more) {
    Map<String, String> labels = new java.util.TreeMap<>(Map.of("site", "lab"));
    for (int i = 0; i < more.length; i += 2) {
      labels.put(more[i], more[i + 1]);
    }
    return labels;
  }

  @Test
  void everyGoMetricHasItsGoNameTypeAndLabelsBeforeAnythingHappened() {
    Map<String, Exposition.Family> families = scrape();
    for (Exposition.GoMetric m : Exposition.goMetrics()) {
      Exposition.Family f = families.get(m.name());
      assertTrue(f != null, "no family " + m.name() + " in " + families.keySet());
      assertEquals(m.type(), f.type(), m.name());
      for (Exposition.Sample s : f.samples()) {
        assertEquals(m.labels(), s.labels().keySet(), s.toString());
      }
      if (!m.labels().contains("rpc")) {
        assertTrue(!f.samples().isEmpty(), "no sample of " + m.name() + " before any event");
      }
    }
  }

  @Test
  void goMetricsCarryTheValuesOfOurOwnMeters() {
    counter("choria_provisioner_provisioned", "site", "lab").increment(2);
    counter("choria_provisioner_discovered", "source", "broadcast").increment(3);
    counter("choria_provisioner_discovered", "source", "lifecycle").increment(4);
    counter("choria_provisioner_discovered", "source", "registration").increment(1);
    counter("choria_provisioner_discover_cycles").increment(5);
    counter("choria_provisioner_nodes_finished", "state", "FAILED", "namespace", "d").increment(6);
    counter("choria_provisioner_nodes_finished", "state", "SHUT_DOWN").increment(1);
    counter("choria_provisioner_nodes_finished", "state", "PROVISIONED").increment(9);
    counter("choria_provisioner_helper_errors", "kind", "timeout").increment();
    counter("choria_provisioner_helper_errors", "kind", "crashed").increment();
    counter("choria_provisioner_rpc_errors", "rpc", INVENTORY, "reason", "timeout").increment(2);
    counter("choria_provisioner_rpc_errors", "rpc", INVENTORY, "reason", "status_1").increment();
    Timer.builder("choria_provisioner_rpc_time")
        .tag("rpc", CONFIGURE)
        .register(registry)
        .record(Duration.ofMillis(1500));
    Timer.builder("choria_provisioner_rpc_time")
        .tag("rpc", CONFIGURE)
        .register(registry)
        .record(Duration.ofMillis(500));
    Timer.builder("choria_provisioner_helper_time")
        .register(registry)
        .record(Duration.ofMillis(250));
    AtomicInteger activity = new AtomicInteger(3);
    Gauge.builder("temporal_worker_task_slots_used", activity, AtomicInteger::get)
        .tag("worker_type", "ActivityWorker")
        .register(registry);
    Gauge.builder("temporal_worker_task_slots_used", () -> 2)
        .tag("worker_type", "LocalActivityWorker")
        .register(registry);
    Gauge.builder("temporal_worker_task_slots_used", () -> 40)
        .tag("worker_type", "WorkflowWorker")
        .register(registry);
    Gauge.builder("choria_provisioner_admission_waiting", () -> 11).register(registry);
    paused.set(1);

    Map<String, Exposition.Family> f = scrape();
    assertEquals(2, value(f, "choria_provisioner_provisioned", site()));
    assertEquals(3, value(f, "choria_provisioner_discovered", site()));
    assertEquals(5, value(f, "choria_provisioner_event_discovered", site()));
    assertEquals(5, value(f, "choria_provisioner_discover_cycles", site()));
    assertEquals(0, value(f, "choria_provisioner_discovery_errors", site()));
    assertEquals(6, value(f, "choria_provisioner_provision_errors", site()));
    assertEquals(1, value(f, "choria_provisioner_helper_shutdown_requests", site()));
    assertEquals(2, value(f, "choria_provisioner_helper_errors", site()));
    assertEquals(3, value(f, "choria_provisioner_rpc_errors", site("rpc", INVENTORY)));
    assertEquals(0, value(f, "choria_provisioner_rpc_errors", site("rpc", CONFIGURE)));
    assertEquals(2.0, value(f, "choria_provisioner_rpc_time_sum", site("rpc", CONFIGURE)), 1e-9);
    assertEquals(2, value(f, "choria_provisioner_rpc_time_count", site("rpc", CONFIGURE)));
    assertEquals(0.25, value(f, "choria_provisioner_helper_time_sum", site()), 1e-9);
    assertEquals(1, value(f, "choria_provisioner_helper_time_count", site()));
    assertEquals(5, value(f, "choria_provisioner_busy_workers", site()));
    assertEquals(11, value(f, "choria_provisioner_work_queue_entries", site()));
    assertEquals(7, value(f, "choria_provisioner_waiting_nodes", site()));
    assertEquals(1, value(f, "choria_provisioner_paused", site()));
  }

  @Test
  void goCountersAndSummariesAreWrittenWithoutMicrometersSuffixes() {
    counter("choria_provisioner_provisioned").increment();
    Timer.builder("choria_provisioner_rpc_time")
        .tag("rpc", CONFIGURE)
        .register(registry)
        .record(Duration.ofSeconds(2));
    String text = Meters.exposition(registry, go).get();
    List<String> lines = text.lines().toList();
    assertTrue(lines.contains("# TYPE choria_provisioner_provisioned counter"), text);
    assertTrue(lines.contains("choria_provisioner_provisioned{site=\"lab\"} 1"), text);
    assertTrue(lines.contains("# TYPE choria_provisioner_rpc_time summary"), text);
    assertTrue(
        lines.contains(
            "choria_provisioner_rpc_time_sum{rpc=\"choria_provision#configure\",site=\"lab\"} 2"),
        text);
    // Our own, richer meters stay beside them under their Micrometer names.
    assertTrue(text.contains("choria_provisioner_provisioned_total{site=\"lab\"} 1"), text);
    assertTrue(text.contains("choria_provisioner_rpc_time_seconds_bucket{"), text);
  }

  @Test
  void jvmAndProcessMetricsAreExported() throws Exception {
    try (AutoCloseable jvm = Meters.bindJvm(registry)) {
      Map<String, Exposition.Family> f = scrape();
      for (String name :
          List.of(
              "jvm_memory_used_bytes",
              "jvm_gc_memory_allocated_bytes_total",
              "jvm_threads_live_threads",
              "jvm_classes_loaded_classes",
              "process_cpu_usage",
              "process_cpu_seconds_total",
              "process_start_time_seconds",
              "process_open_fds",
              "process_max_fds",
              "process_resident_memory_bytes")) {
        assertTrue(
            f.containsKey(name),
            name
                + " missing; families: "
                + f.keySet().stream().sorted().collect(Collectors.joining(" ")));
      }
      assertTrue(value(f, "process_resident_memory_bytes", Map.of()) > 1_000_000);
    }
  }

  @Test
  void theMonitorServesAllOfItOverASocket() {
    counter("choria_provisioner_provisioned").increment();
    try (MonitorServer server =
        new MonitorServer(
            "127.0.0.1",
            0,
            Meters.exposition(registry, go),
            () -> new Readiness.Health(true, "{}"))) {
      Scrape.Reply reply = Scrape.get(server.port(), "/metrics");
      assertEquals(200, reply.status(), reply.body());
      Map<String, Exposition.Family> f = Exposition.parse(reply.body());
      assertEquals(1, value(f, "choria_provisioner_provisioned", site()));
      assertTrue(f.containsKey("choria_provisioner_provisioned_total"), f.keySet().toString());
    }
  }
}
