package io.fleetwright.fleet;

import io.fleetwright.fleet.internal.Mix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which nodes get which {@link Fault}: named nodes, or a percentage of the fleet chosen
 * deterministically from the fleet seed (the same seed always picks the same nodes).
 *
 * <pre>{@code
 * FaultPlan.builder()
 *     .percent(Fault.DROP_REPLIES, 5)
 *     .nodes(Fault.BAD_CSR_CN, "node-00003.fleet.example.net")
 *     .slowReplies(Duration.ofSeconds(3), 10)
 *     .build();
 * }</pre>
 */
public final class FaultPlan {
  private static final FaultPlan NONE = new FaultPlan(List.of());

  private final List<Rule> rules;

  private FaultPlan(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Returns a plan without faults. */
  public static FaultPlan none() {
    return NONE;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the rules in the order they were added. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Returns the faults of one node, each with its delay ({@link Duration#ZERO} except for {@link
   * Fault#SLOW_REPLIES} and {@link Fault#SLOW_CONFIGURE_REPLY}). A later rule for the same fault
   * overrides an earlier delay.
   *
   * @param seed the fleet seed
   * @param index the node index
   * @param identity the node identity
   */
  public Map<Fault, Duration> faultsFor(long seed, int index, String identity) {
    Map<Fault, Duration> out = new EnumMap<>(Fault.class);
    for (Rule rule : rules) {
      if (rule.selects(seed, index, identity)) {
        out.put(rule.fault(), rule.delay());
      }
    }
    return out;
  }

  /**
   * One fault rule.
   *
   * @param fault the fault switched on
   * @param identities nodes that get it by name
   * @param percent share of the fleet (0–100) that gets it, chosen with the seed
   * @param delay reply delay for {@link Fault#SLOW_REPLIES} and {@link Fault#SLOW_CONFIGURE_REPLY},
   *     zero otherwise
   */
  public record Rule(Fault fault, Set<String> identities, double percent, Duration delay) {
    /** Validates the rule. */
    public Rule {
      Objects.requireNonNull(fault, "fault");
      identities = Set.copyOf(Objects.requireNonNull(identities, "identities"));
      Objects.requireNonNull(delay, "delay");
      if (!(percent >= 0 && percent <= 100)) {
        throw new FleetException(
            "faults: percent for " + fault + " must be between 0 and 100, got " + percent);
      }
      if (delay.isNegative()) {
        throw new FleetException(
            "faults: delay for " + fault + " must not be negative, got " + delay);
      }
    }

    boolean selects(long seed, int index, String identity) {
      if (identities.contains(identity)) {
        return true;
      }
      return percent > 0 && Mix.unit(seed, index, "fault:" + fault.name()) * 100 < percent;
    }
  }

  /** Collects fault rules. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /** Switches {@code fault} on for the named nodes. */
    public Builder nodes(Fault fault, String... identities) {
      rules.add(new Rule(fault, Set.of(identities), 0, Duration.ZERO));
      return this;
    }

    /** Switches {@code fault} on for {@code percent} % of the nodes, chosen with the seed. */
    public Builder percent(Fault fault, double percent) {
      rules.add(new Rule(fault, Set.of(), percent, Duration.ZERO));
      return this;
    }

    /** Makes {@code percent} % of the nodes publish every reply only after {@code delay}. */
    public Builder slowReplies(Duration delay, double percent) {
      rules.add(new Rule(Fault.SLOW_REPLIES, Set.of(), percent, delay));
      return this;
    }

    /**
     * Makes {@code percent} % of the nodes answer {@code configure} only {@code delay} after they
     * wrote the configuration, chosen with the seed.
     */
    public Builder slowConfigureReplies(Duration delay, double percent) {
      rules.add(new Rule(Fault.SLOW_CONFIGURE_REPLY, Set.of(), percent, delay));
      return this;
    }

    /** Makes the named nodes publish every reply only after {@code delay}. */
    public Builder slowReplies(Duration delay, String... identities) {
      rules.add(new Rule(Fault.SLOW_REPLIES, Set.of(identities), 0, delay));
      return this;
    }

    /** Adds a rule. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Returns the plan. */
    public FaultPlan build() {
      return new FaultPlan(rules);
    }
  }
}
