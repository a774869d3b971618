package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.Scrape;
import io.fleetwright.testing.ThreadDumps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator sees after a small run on real parts (nats-server, the Temporal dev server with
 * its Web UI, 20 emulated nodes, of which 4 defer and 1 fails): /metrics carries every metric the
 * Grafana dashboard uses, /healthz answers, and the Web UI in headless Chromium lists exactly the
 * deferred nodes with their summaries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperateIT {
  private static final int NODES = 20;
  private static final String SITE = "it";
  private static final Set<String> DEFERRED =
      IntStream.rangeClosed(1, NODES)
          .filter(i -> i % 5 == 0)
          .mapToObj(i -> "provision/node-%05d.fleet.example.net".formatted(i))
          .collect(Collectors.toCollection(TreeSet::new));

  private NatsServer nats;
  private TemporalDevServer temporal;
  private Provisioner provisioner;
  private Fleet fleet;

  @BeforeAll
  void runASmallFleetWithDeferredAndFailedNodes() {
    nats = Fixtures.startNats();
    temporal =
        TemporalDevServer.start(
            TemporalDevServerOptions.builder()
                .searchAttributes(Fixtures.SEARCH_ATTRIBUTES)
                .ui(0)
                .build());
    Path helper = Path.of("src/test/resources/helpers/operate.py").toAbsolutePath();
    provisioner =
        Provisioner.start(
            ConfigLoader.parse(
                """
                helper: "/usr/bin/python3 %s"
                token: it-token
                site: %s
                identity: fleetwright.operate-it
                interval: 1h
                loglevel: warn
                monitor_port: %d
                monitor_address: 127.0.0.1
                temporal:
                  target: "%s"
                nats:
                  servers: ["%s"]
                defer:
                  initial_delay: 1h
                """
                    .formatted(helper, SITE, FreePorts.next(), temporal.target(), nats.url())));
    fleet =
        Fleet.builder().nodes(NODES).natsUrl(nats.url()).token("it-token").seed(3).build().start();
    FleetOperator operator = provisioner.operator();
    Await.until(
        Duration.ofMinutes(3),
        () -> {
          Map<String, Long> counts = operator.countsByState();
          return fleet.count(NodeMode.PROVISIONED) == NODES - DEFERRED.size() - 1
              && counts.getOrDefault("DEFERRED", 0L) == DEFERRED.size()
              && counts.getOrDefault("FAILED", 0L) == 1;
        },
        () ->
            "provisioned "
                + fleet.count(NodeMode.PROVISIONED)
                + ", states "
                + operator.countsByState(),
        () -> ThreadDumps.printThisJvm("nodes not provisioned in time"));
    // An operator's retry wakes a deferred node through a polled workflow task: the first task of
    // every node is eager and skips the task queue, so only such later tasks have a
    // schedule-to-start latency to report.
    operator.retry(
        "node-00005.fleet.example.net",
        identity -> {
          throw new IllegalStateException(identity + " should still be deferred");
        });
  }

  @AfterAll
  void stopEverything() {
    for (AutoCloseable c : new AutoCloseable[] {fleet, provisioner, temporal, nats}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("OperateIT: closing " + c + ": " + e);
      }
    }
  }

  @Test
  void theMetricsEndpointCarriesEveryMetricTheDashboardUses() throws Exception {
    Path dashboard = Path.of("..", "ops", "grafana", "fleetwright-dashboard.json");
    Set<String> used = DashboardMetrics.used(dashboard);
    assertTrue(used.size() >= 10, "metrics found in the dashboard: " + used);
    int port = provisioner.monitorPort().orElseThrow();
    // Counters from workflow code reach the registry on the SDK's 1 s reporting tick.
    Await.until(
        Duration.ofSeconds(30),
        () -> Scrape.sampleNames(Scrape.get(port, "/metrics").body()).containsAll(used),
        () -> {
          Set<String> missing = new TreeSet<>(used);
          missing.removeAll(Scrape.sampleNames(Scrape.get(port, "/metrics").body()));
          return "missing from /metrics: " + missing;
        });
    String text = Scrape.get(port, "/metrics").body();
    for (String name : used) {
      assertTrue(
          text.lines().anyMatch(l -> l.startsWith(name + "{") && l.contains("site=\"it\"")),
          name + " lacks the site label the dashboard filters on:\n" + grep(text, name));
      if (name.endsWith("_bucket")) {
        Set<String> bounds = Scrape.bucketBounds(text, name);
        assertTrue(
            bounds.size() >= 10 && bounds.contains("+Inf"),
            name + " needs fixed buckets for histogram_quantile, has le=" + bounds);
      }
    }
    // The node-count gauges follow Temporal visibility every 5 s.
    String deferredLine = "choria_provisioner_nodes{site=\"it\",state=\"DEFERRED\"} ";
    Await.until(
        Duration.ofSeconds(30),
        () ->
            Scrape.get(port, "/metrics")
                .body()
                .lines()
                .anyMatch(l -> l.equals(deferredLine + DEFERRED.size() + ".0")),
        () ->
            "no DEFERRED count of "
                + DEFERRED.size()
                + " in:\n"
                + grep(Scrape.get(port, "/metrics").body(), "_nodes{"));
  }

  @Test
  void theHealthEndpointSaysOkWhileConnected() throws Exception {
    Scrape.Reply reply = Scrape.get(provisioner.monitorPort().orElseThrow(), "/healthz");
    assertEquals(200, reply.status(), reply.body());
    assertTrue(
        reply.body().startsWith("{\"status\":\"ok\",\"temporal\":\"READY\",\"nats\":\"connected\""),
        reply.body());
    assertEquals(List.of(), provisioner.readiness().missing());
  }

  @Test
  void theWebUiListsExactlyTheDeferredNodesWithTheirSummaries() throws Exception {
    Path shots = Path.of("target", "webui").toAbsolutePath();
    JsonNode result =
        WebUiScript.run(
            temporal.uiUrl().orElseThrow(),
            temporal.namespace(),
            DEFERRED.size(),
            shots,
            Path.of("..", "ops", "webui-test", "deferred-nodes.cjs"));
    Set<String> listed = new TreeSet<>();
    result.path("listed").forEach(n -> listed.add(n.asText()));
    assertEquals(DEFERRED, listed, "deferred nodes in the Web UI: " + result);
    for (String id : DEFERRED) {
      String identity = id.substring("provision/".length());
      String summary = result.path("summaries").path(id).asText();
      assertTrue(
          summary.matches(
              Pattern.quote("provision " + identity + " (site " + SITE + ", via ")
                  + "(lifecycle|registration|broadcast)\\)"),
          "summary of " + id + " in the Web UI: " + result);
    }
    Path screenshot = shots.resolve("deferred.png");
    assertTrue(
        Files.size(screenshot) > 10_000, "screenshot " + screenshot + " looks empty or missing");
    System.out.println("OperateIT: Web UI screenshot at " + screenshot);
  }

  private static String grep(String text, String fragment) {
    return text.lines().filter(l -> l.contains(fragment)).collect(Collectors.joining("\n"));
  }

  static final ObjectMapper JSON = new ObjectMapper();
}
