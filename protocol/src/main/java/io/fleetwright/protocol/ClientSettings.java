package io.fleetwright.protocol;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The validated settings of a {@link ChoriaClient}; built by {@link ChoriaClientBuilder}. */
record ClientSettings(
    List<String> natsUrls,
    String identity,
    String callerId,
    String collective,
    Duration ttl,
    Duration quietWindow,
    Duration connectTimeout,
    int maxMessageBytes,
    Clock clock,
    boolean sharedReplySubscription,
    BrokerSecurity security) {

  ClientSettings {
    natsUrls = List.copyOf(natsUrls);
    java.util.Objects.requireNonNull(security, "security");
  }
}
