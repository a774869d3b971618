package io.fleetwright.app.monitor;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The provisioner's Prometheus registry: every meter carries the {@code site} tag, and every
 * latency timer (ours and the Temporal SDK's) publishes the same fixed buckets, so the dashboard's
 * {@code histogram_quantile} panels work and the series count stays small.
 */
public final class Meters {
  /** Bucket bounds from 1 ms to 2 min: RPCs and helpers take milliseconds to seconds. */
  static final Duration[] LATENCY_BUCKETS =
      Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 120_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private Meters() {}

  /**
   * Binds the JVM's memory, garbage collection, thread, class loading and CPU meters ({@code
   * jvm_*}, {@code system_*}, {@code process_cpu_usage}); close the result to stop watching GC. The
   * standard {@code process_*} names come from {@link ProcessMetrics} instead.
   */
  public static AutoCloseable bindJvm(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /**
   * What {@code /metrics} serves: our meters (Micrometer names), the Go provisioner's families
   * under their Go names, and the process metrics. The three never share a family name.
   */
  public static Supplier<String> exposition(PrometheusMeterRegistry registry, GoMetrics go) {
    return () -> registry.scrape() + go.text() + ProcessMetrics.text();
  }

  public static PrometheusMeterRegistry prometheus(String site) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("site", site).meterFilter(latencyBuckets());
    return registry;
  }

  static MeterFilter latencyBuckets() {
    double[] nanos = Stream.of(LATENCY_BUCKETS).mapToDouble(Duration::toNanos).toArray();
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !ours(id.getName())) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(nanos)
            .build()
            .merge(config);
      }
    };
  }

  private static boolean ours(String name) {
    return name.startsWith("choria_provisioner_") || name.startsWith("temporal_");
  }
}
