package io.fleetwright.app.monitor;

import io.fleetwright.app.monitor.TextExposition.Type;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Every metric of the Go Choria Provisioner v0.16.0 under its Go name, type and labels, so that its
 * Grafana dashboard and alerts work unchanged. The values come from our own meters, read at scrape
 * time: this class adds names, not counting. Go counters have no {@code _total}; the Go summaries
 * have no quantiles, only {@code _sum} (seconds) and {@code _count}. Every family carries {@code
 * site}; a family with an {@code rpc} label has one series per RPC this process has called.
 */
public final class GoMetrics {
  private static final String DISCOVERED = "choria_provisioner_discovered";
  private static final String FINISHED = "choria_provisioner_nodes_finished";
  private static final String RPC_TIME = "choria_provisioner_rpc_time";
  private static final String RPC = "rpc";
  private static final Set<String> ACTIVITY_WORKERS =
      Set.of("ActivityWorker", "LocalActivityWorker");

  private final MeterRegistry registry;
  private final String site;
  private final DoubleSupplier paused;
  private final DoubleSupplier waitingNodes;

  /**
   * @param registry our meters, where the values come from
   * @param site the {@code site} label
   * @param paused 1 while the fleet is paused
   * @param waitingNodes nodes found and not yet provisioned, failed or cancelled
   */
  public GoMetrics(
      MeterRegistry registry, String site, DoubleSupplier paused, DoubleSupplier waitingNodes) {
    this.registry = registry;
    this.site = site;
    this.paused = paused;
    this.waitingNodes = waitingNodes;
  }

  /** The Go families in text format 0.0.4, in the order of the Go source. */
  public String text() {
    TextExposition out = new TextExposition();
    discovery(out);
    provisioning(out);
    rpcAndHelper(out);
    single(
        out,
        "choria_provisioner_paused",
        Type.GAUGE,
        "1 while the fleet is paused",
        paused.getAsDouble());
    return out.text();
  }

  private void discovery(TextExposition out) {
    single(
        out,
        DISCOVERED,
        Type.COUNTER,
        "nodes seen by broadcast discovery",
        sum(DISCOVERED, "source", "broadcast"::equals));
    single(
        out,
        "choria_provisioner_event_discovered",
        Type.COUNTER,
        "nodes seen through a startup event or registration data",
        sum(DISCOVERED, "source", s -> !s.equals("broadcast")));
    single(
        out,
        "choria_provisioner_discover_cycles",
        Type.COUNTER,
        "broadcast discovery rounds",
        sum("choria_provisioner_discover_cycles"));
    single(
        out,
        "choria_provisioner_discovery_errors",
        Type.COUNTER,
        "broadcast discovery rounds that failed",
        sum("choria_provisioner_discovery_errors"));
  }

  private void provisioning(TextExposition out) {
    single(
        out,
        "choria_provisioner_provision_errors",
        Type.COUNTER,
        "node runs that ended FAILED",
        sum(FINISHED, "state", "FAILED"::equals));
    single(
        out,
        "choria_provisioner_busy_workers",
        Type.GAUGE,
        "activity slots of this worker in use (at most workers)",
        sum("temporal_worker_task_slots_used", "worker_type", ACTIVITY_WORKERS::contains));
    single(
        out,
        "choria_provisioner_provisioned",
        Type.COUNTER,
        "nodes configured and restarted",
        sum("choria_provisioner_provisioned"));
    single(
        out,
        "choria_provisioner_work_queue_entries",
        Type.GAUGE,
        "nodes seen that wait for room to start",
        sum("choria_provisioner_admission_waiting"));
    single(
        out,
        "choria_provisioner_waiting_nodes",
        Type.GAUGE,
        "nodes not yet provisioned, failed or cancelled",
        waitingNodes.getAsDouble());
  }

  private void rpcAndHelper(TextExposition out) {
    Map<String, double[]> rpcTimes = timesBy(RPC_TIME, RPC);
    out.family(RPC_TIME, Type.SUMMARY, "seconds taken by Choria RPCs to nodes");
    rpcTimes.forEach(
        (rpc, t) -> {
          out.sample(RPC_TIME + "_sum", Map.of("site", site, RPC, rpc), t[0]);
          out.sample(RPC_TIME + "_count", Map.of("site", site, RPC, rpc), t[1]);
        });
    double[] helper =
        timesBy("choria_provisioner_helper_time", null).getOrDefault("", new double[2]);
    out.family("choria_provisioner_helper_time", Type.SUMMARY, "seconds taken by helper runs");
    out.sample("choria_provisioner_helper_time_sum", Map.of("site", site), helper[0]);
    out.sample("choria_provisioner_helper_time_count", Map.of("site", site), helper[1]);
    Map<String, Double> rpcErrors = new TreeMap<>();
    rpcTimes.keySet().forEach(rpc -> rpcErrors.put(rpc, 0.0));
    for (Meter m : registry.find("choria_provisioner_rpc_errors").meters()) {
      rpcErrors.merge(tag(m, RPC), value(m), Double::sum);
    }
    out.family("choria_provisioner_rpc_errors", Type.COUNTER, "Choria RPCs to nodes that failed");
    rpcErrors.forEach(
        (rpc, n) -> out.sample("choria_provisioner_rpc_errors", Map.of("site", site, RPC, rpc), n));
    single(
        out,
        "choria_provisioner_helper_errors",
        Type.COUNTER,
        "helper runs that failed",
        sum("choria_provisioner_helper_errors"));
    single(
        out,
        "choria_provisioner_helper_shutdown_requests",
        Type.COUNTER,
        "node runs that ended SHUT_DOWN at the helper's request",
        sum(FINISHED, "state", "SHUT_DOWN"::equals));
  }

  private void single(TextExposition out, String name, Type type, String help, double value) {
    out.family(name, type, help).sample(name, Map.of("site", site), value);
  }

  private double sum(String name) {
    return sum(name, null, v -> true);
  }

  /** The sum over every meter named {@code name} whose {@code tag} matches (any if null). */
  private double sum(String name, String tag, Predicate<String> accept) {
    double total = 0;
    for (Meter m : registry.find(name).meters()) {
      if (tag == null || accept.test(tag(m, tag))) {
        total += value(m);
      }
    }
    return total;
  }

  /** Seconds and count of every timer named {@code name}, summed by the value of {@code tag}. */
  private Map<String, double[]> timesBy(String name, String tag) {
    Map<String, double[]> by = new TreeMap<>();
    for (Timer t : registry.find(name).timers()) {
      double[] acc = by.computeIfAbsent(tag == null ? "" : tag(t, tag), k -> new double[2]);
      acc[0] += t.totalTime(TimeUnit.SECONDS);
      acc[1] += t.count();
    }
    return by;
  }

  private static String tag(Meter m, String key) {
    String v = m.getId().getTag(key);
    return v == null ? "" : v;
  }

  private static double value(Meter m) {
    return switch (m) {
      case Counter c -> c.count();
      case FunctionCounter c -> c.count();
      case Gauge g -> g.value();
      default -> 0;
    };
  }
}
