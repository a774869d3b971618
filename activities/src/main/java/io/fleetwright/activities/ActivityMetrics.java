package io.fleetwright.activities;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Every meter the activities record, named like the Go provisioner's ({@code choria_provisioner_*})
 * so its dashboards carry over, with a {@code site} tag.
 */
public final class ActivityMetrics {
  private final MeterRegistry registry;
  private final String site;
  private final Timer helperTime;

  /**
   * Declares the meters.
   *
   * @param registry where meters live
   * @param site the {@code site} tag value
   */
  public ActivityMetrics(MeterRegistry registry, String site) {
    this.registry = registry;
    this.site = site;
    this.helperTime =
        Timer.builder("choria_provisioner_helper_time")
            .description("time taken to run the helper")
            .tag("site", site)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  void helperTime(long nanos) {
    helperTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  void helperError(String kind) {
    Counter.builder("choria_provisioner_helper_errors")
        .description("helper runs that failed")
        .tags("site", site, "kind", kind)
        .register(registry)
        .increment();
  }

  void rpcTime(String rpc, long nanos) {
    Timer.builder("choria_provisioner_rpc_time")
        .description("time taken by Choria RPCs to nodes")
        .tags("site", site, "rpc", rpc)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void rpcError(String rpc, String reason) {
    Counter.builder("choria_provisioner_rpc_errors")
        .description("Choria RPCs to nodes that failed")
        .tags("site", site, "rpc", rpc, "reason", reason)
        .register(registry)
        .increment();
  }

  /**
   * An attempt after the first of a step that changes a node, by what it found the earlier ones had
   * done.
   */
  void changeRepeated(String step, String found) {
    Counter.builder("fleetwright_node_change_retries")
        .description("attempts after the first of a step that changes a node, by what they found")
        .tags("site", site, "step", step, "found", found)
        .register(registry)
        .increment();
  }

  void provisioned() {
    Counter.builder("choria_provisioner_provisioned")
        .description("nodes configured and restarted")
        .tag("site", site)
        .register(registry)
        .increment();
  }
}
