package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalises broker addresses the way Choria accepts them: {@code host:port} or {@code
 * nats://host:port}.
 */
public final class BrokerUrls {
  private BrokerUrls() {}

  /** Splits a comma separated list and normalises each entry; {@code source} names it in errors. */
  public static List<String> parseList(String text, String source) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        out.add(normalise(trimmed, source));
      }
    }
    return out;
  }

  /** Returns {@code nats://host:port} for {@code host:port} or a nats/tls URL. */
  public static String normalise(String address, String source) {
    String candidate = address.contains("://") ? address : "nats://" + address;
    try {
      URI uri = new URI(candidate);
      String scheme = uri.getScheme();
      if (!"nats".equals(scheme) && !"tls".equals(scheme)) {
        throw new FleetException(
            source
                + ": broker '"
                + address
                + "' has scheme '"
                + scheme
                + "'; use nats://host:port");
      }
      if (uri.getHost() == null || uri.getPort() < 1) {
        throw new FleetException(
            source
                + ": broker '"
                + address
                + "' needs a host and a port, e.g. nats://127.0.0.1:4222");
      }
      return scheme + "://" + uri.getHost() + ":" + uri.getPort();
    } catch (URISyntaxException e) {
      throw new FleetException(
          source
              + ": broker '"
              + address
              + "' is not a URL: "
              + e.getMessage()
              + "; use nats://host:port",
          e);
    }
  }
}
