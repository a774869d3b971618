package io.fleetwright.fleet;

import io.fleetwright.fleet.internal.HintFileTargets;
import io.fleetwright.fleet.internal.RetryingTargets;
import io.fleetwright.fleet.internal.SrvTargets;
import io.fleetwright.fleet.internal.StaticTargets;
import io.fleetwright.fleet.internal.UrlFileTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Factories for {@link TargetResolver}s. */
public final class TargetResolvers {
  private TargetResolvers() {}

  /** A fixed list of broker URLs ({@code nats://host:port} or {@code host:port}). */
  public static TargetResolver of(String... urls) {
    return new StaticTargets(List.of(urls));
  }

  /**
   * A text file with one broker URL (or comma separated list) per line; {@code #} starts a comment.
   */
  public static TargetResolver urlFile(Path file) {
    return new UrlFileTargets(file);
  }

  /**
   * A JSON hint file whose {@code field} (e.g. {@code datacenter}) is looked up in {@code table}
   * (e.g. {@code ams1 -> nats://broker.ams1:4222}).
   */
  public static TargetResolver hintFile(Path file, String field, Map<String, String> table) {
    return new HintFileTargets(file, field, table);
  }

  /** DNS SRV {@code _choria-provisioner._tcp.<domain>} through the system resolver. */
  public static TargetResolver dnsSrv(String domain) {
    return new SrvTargets(domain, Optional.empty());
  }

  /**
   * DNS SRV {@code _choria-provisioner._tcp.<domain>} asked of one DNS server ({@code host:port}).
   */
  public static TargetResolver dnsSrv(String domain, String dnsServer) {
    return new SrvTargets(domain, Optional.of(dnsServer));
  }

  /**
   * Retries {@code resolver} until it finds brokers, doubling the wait from {@code initial} up to
   * {@code max}. Interrupting the caller ends the wait with a {@link FleetException}.
   */
  public static TargetResolver retrying(TargetResolver resolver, Duration initial, Duration max) {
    return new RetryingTargets(resolver, initial, max, d -> Thread.sleep(d.toMillis()));
  }
}
