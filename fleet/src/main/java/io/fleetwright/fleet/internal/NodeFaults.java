package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.Fault;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The faults of one node: an immutable snapshot swapped whole when a switch changes. */
public record NodeFaults(Set<Fault> active, Duration slowDelay) {
  /** No faults. */
  public static final NodeFaults NONE = new NodeFaults(EnumSet.noneOf(Fault.class), Duration.ZERO);

  /** Copies the set. */
  public NodeFaults {
    active =
        Collections.unmodifiableSet(
            active.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(active));
  }

  /** Builds the snapshot from a plan's per-node result. */
  public static NodeFaults of(Map<Fault, Duration> faults) {
    if (faults.isEmpty()) {
      return NONE;
    }
    return new NodeFaults(faults.keySet(), faults.getOrDefault(Fault.SLOW_REPLIES, Duration.ZERO));
  }

  /** True when {@code fault} is on. */
  public boolean has(Fault fault) {
    return active.contains(fault);
  }

  /** Returns a copy with {@code fault} switched on or off. */
  public NodeFaults with(Fault fault, boolean on) {
    EnumSet<Fault> next = active.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(active);
    if (on) {
      next.add(fault);
    } else {
      next.remove(fault);
    }
    return new NodeFaults(next, slowDelay);
  }

  /** Returns a copy with slow replies of {@code delay}. */
  public NodeFaults slow(Duration delay) {
    return new NodeFaults(with(Fault.SLOW_REPLIES, true).active(), delay);
  }
}
