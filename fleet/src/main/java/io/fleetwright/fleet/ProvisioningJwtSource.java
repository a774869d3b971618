package io.fleetwright.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Supplies the provisioning JWT a node returns from {@code choria_provision#jwt} (the contents of a
 * real server's {@code provisioning.jwt}). See {@link ProvisioningJwts} for the built-in ones.
 */
@FunctionalInterface
public interface ProvisioningJwtSource {

  /**
   * Returns the compact JWS text for one node.
   *
   * @param context what the node knows about itself
   */
  String jwt(Context context);

  /**
   * What a node knows when it hands out its provisioning JWT.
   *
   * @param identity the node identity
   * @param token the provisioning token ({@code cht}), if the fleet has one
   * @param brokerUrls the brokers it provisions through ({@code chu})
   * @param now the current time
   * @param allowUpdate whether the JWT allows {@code release_update} (its {@code update} claim)
   */
  record Context(
      String identity,
      Optional<String> token,
      List<String> brokerUrls,
      Instant now,
      boolean allowUpdate) {
    /** Validates and copies. */
    public Context {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(token, "token");
      brokerUrls = List.copyOf(brokerUrls);
      Objects.requireNonNull(now, "now");
    }

    /** A context for a JWT without the {@code update} claim. */
    public Context(String identity, Optional<String> token, List<String> brokerUrls, Instant now) {
      this(identity, token, brokerUrls, now, false);
    }
  }
}
