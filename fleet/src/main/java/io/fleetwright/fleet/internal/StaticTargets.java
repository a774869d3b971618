package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import io.fleetwright.fleet.TargetResolver;
import java.util.List;

/** A fixed list of brokers. */
public record StaticTargets(List<String> urls) implements TargetResolver {
  /** Normalises the URLs. */
  public StaticTargets {
    if (urls.isEmpty()) {
      throw new FleetException("natsUrl: give at least one broker URL, e.g. nats://127.0.0.1:4222");
    }
    urls = urls.stream().map(u -> BrokerUrls.normalise(u, "natsUrl")).toList();
  }

  @Override
  public List<String> resolve() {
    return urls;
  }

  @Override
  public String describe() {
    return "static list " + urls;
  }
}
