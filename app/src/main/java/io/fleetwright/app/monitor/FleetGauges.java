package io.fleetwright.app.monitor;

import io.fleetwright.api.FleetControlState;
import io.fleetwright.api.ProvisioningState;
import io.fleetwright.app.operator.FleetOperator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps fleet-wide gauges and the paused flag fresh: node counts by state from Temporal visibility,
 * and the fleet control workflow's pause switch (read by discovery for new nodes).
 */
public final class FleetGauges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetGauges.class);

  private final FleetOperator operator;
  private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicBoolean paused = new AtomicBoolean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("fleet-gauges").factory());
  private volatile boolean countsAvailable = true;

  public FleetGauges(FleetOperator operator, MeterRegistry registry, String site) {
    this.operator = operator;
    for (ProvisioningState state : ProvisioningState.values()) {
      AtomicLong value = byState.computeIfAbsent(state.name(), s -> new AtomicLong());
      Gauge.builder("choria_provisioner_nodes", value, AtomicLong::get)
          .description("node workflows by provisioning state (Temporal visibility)")
          .tags("site", site, "state", state.name())
          .register(registry);
    }
  }

  public void start(Duration every) {
    refresh();
    timer.scheduleWithFixedDelay(
        this::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean paused() {
    return paused.get();
  }

  /**
   * Nodes found but not yet provisioned, failed or cancelled; {@link GoMetrics} serves it as {@code
   * choria_provisioner_waiting_nodes}, with {@link #paused()} as {@code choria_provisioner_paused}.
   */
  public long waiting() {
    return waiting.get();
  }

  void refresh() {
    try {
      paused.set(operator.controlState().map(FleetControlState::paused).orElse(false));
    } catch (RuntimeException e) {
      LOG.debug("could not read the fleet's pause switch: {}", e.getMessage());
    }
    if (!countsAvailable) {
      return;
    }
    try {
      Map<String, Long> counts = operator.countsByState();
      long w = 0;
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        byState.computeIfAbsent(e.getKey(), k -> new AtomicLong()).set(e.getValue());
        if (!ProvisioningState.valueOf(e.getKey()).terminal()) {
          w += e.getValue();
        }
      }
      waiting.set(w);
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.UNIMPLEMENTED) {
        countsAvailable = false;
        LOG.info("this Temporal server cannot count workflows; node-count gauges stay at 0");
      } else {
        LOG.debug("could not count node workflows: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
