package io.fleetwright.app.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's start-up stages, each logged at INFO when reached, and what {@code /healthz}
 * answers: ready (200) only once every stage was reached and Temporal and NATS are connected now;
 * otherwise 503 with a JSON body that names what is missing. A worker that stops somewhere on the
 * way says where, instead of hanging silently.
 */
public final class Readiness {
  /** The stages in the order the provisioner reaches them. */
  public enum Stage {
    TEMPORAL_CONNECTED("Temporal connected"),
    NATS_CONNECTED("NATS connected"),
    HELPER_READY("helper ready"),
    WORKER_POLLING("worker polling"),
    DISCOVERY_SUBSCRIBED("discovery subscribed");

    private final String text;

    Stage(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }

  /**
   * What {@code /healthz} answers.
   *
   * @param ready every stage reached, Temporal and NATS connected now
   * @param body the JSON body
   */
  record Health(boolean ready, String body) {}

  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long started = System.nanoTime();
  private final Map<Stage, Long> reached = new EnumMap<>(Stage.class);

  /** Records {@code stage} once and logs it with {@code detail} and the time since start-up. */
  public void reached(Stage stage, String detail) {
    long ms = (System.nanoTime() - started) / 1_000_000;
    synchronized (reached) {
      if (reached.putIfAbsent(stage, ms) != null) {
        return;
      }
    }
    LOG.info("start-up: {} after {} ms: {}", stage.text(), ms, detail);
  }

  boolean has(Stage stage) {
    synchronized (reached) {
      return reached.containsKey(stage);
    }
  }

  /** The stages not reached yet, in order. */
  public List<Stage> missing() {
    List<Stage> missing = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      if (!has(stage)) {
        missing.add(stage);
      }
    }
    return missing;
  }

  /**
   * The answer of {@code /healthz} now.
   *
   * @param temporal the Temporal connection's state now, e.g. {@code READY} or {@code
   *     TRANSIENT_FAILURE}; {@code null} before there is one
   * @param temporalOk whether that state counts as connected
   * @param natsConnected whether every NATS connection is up now
   * @param stalled whether node runs stand still (see {@link
   *     io.fleetwright.app.discovery.StallWatch})
   */
  Health health(String temporal, boolean temporalOk, boolean natsConnected, boolean stalled) {
    List<String> missing = new ArrayList<>();
    missing().forEach(stage -> missing.add(stage.text()));
    if (has(Stage.TEMPORAL_CONNECTED) && !temporalOk) {
      missing.add("Temporal connection (" + temporal + ")");
    }
    if (has(Stage.NATS_CONNECTED) && !natsConnected) {
      missing.add("NATS connection");
    }
    if (stalled) {
      missing.add("progress: node runs stand still, see the log");
    }
    boolean ready = missing.isEmpty();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "ok" : "not ready");
    body.put("temporal", temporal == null ? "not connected" : temporal);
    body.put(
        "nats",
        !has(Stage.NATS_CONNECTED)
            ? "not connected"
            : natsConnected ? "connected" : "disconnected");
    Map<String, Object> stages = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      stages.put(stage.text(), has(stage));
    }
    body.put("stages", stages);
    if (!ready) {
      body.put("missing", missing);
    }
    try {
      return new Health(ready, JSON.writeValueAsString(body) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the /healthz body", e);
    }
  }

  /** A supplier for {@link MonitorServer}. */
  public Supplier<Health> healthSupplier(
      Supplier<String> temporalState,
      java.util.function.Predicate<String> temporalOk,
      java.util.function.BooleanSupplier nats,
      java.util.function.BooleanSupplier stalled) {
    return () -> {
      String state = temporalState.get();
      return health(
          state,
          state != null && temporalOk.test(state),
          nats.getAsBoolean(),
          stalled.getAsBoolean());
    };
  }
}
