package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The faults of one node: an immutable snapshot swapped whole when a switch changes.
 *
 * @param active the faults switched on
 * @param delays the delay of each delaying fault ({@link Fault#SLOW_REPLIES}, {@link
 *     Fault#SLOW_CONFIGURE_REPLY}) that is on
 */
public record NodeFaults(Set<Fault> active, Map<Fault, Duration> delays) {
  /** No faults. */
  public static final NodeFaults NONE = new NodeFaults(EnumSet.noneOf(Fault.class), Map.of());

  /** Copies the set and the delays. */
  public NodeFaults {
    active =
        Collections.unmodifiableSet(
            active.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(active));
    EnumMap<Fault, Duration> copy = new EnumMap<>(Fault.class);
    delays.forEach(
        (fault, delay) -> {
          if (!delay.isZero()) {
            copy.put(fault, delay);
          }
        });
    delays = Collections.unmodifiableMap(copy);
  }

  /** Builds the snapshot from a plan's per-node result. */
  public static NodeFaults of(Map<Fault, Duration> faults) {
    if (faults.isEmpty()) {
      return NONE;
    }
    return new NodeFaults(faults.keySet(), faults);
  }

  /** True when {@code fault} is on. */
  public boolean has(Fault fault) {
    return active.contains(fault);
  }

  /** The delay of {@link Fault#SLOW_REPLIES}, zero when it has none. */
  public Duration slowDelay() {
    return delay(Fault.SLOW_REPLIES);
  }

  /** The delay of {@code fault} when it is on, else zero. */
  public Duration delay(Fault fault) {
    return has(fault) ? delays.getOrDefault(fault, Duration.ZERO) : Duration.ZERO;
  }

  /** Returns a copy with {@code fault} switched on or off. */
  public NodeFaults with(Fault fault, boolean on) {
    EnumSet<Fault> next = active.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(active);
    if (on) {
      next.add(fault);
    } else {
      next.remove(fault);
    }
    return new NodeFaults(next, delays);
  }

  /** Returns a copy with {@code fault} on and delaying by {@code delay}. */
  public NodeFaults delayed(Fault fault, Duration delay) {
    EnumMap<Fault, Duration> next = new EnumMap<>(Fault.class);
    next.putAll(delays);
    next.put(fault, delay);
    return new NodeFaults(with(fault, true).active(), next);
  }

  /** Returns a copy with slow replies of {@code delay}. */
  public NodeFaults slow(Duration delay) {
    return delayed(Fault.SLOW_REPLIES, delay);
  }
}
