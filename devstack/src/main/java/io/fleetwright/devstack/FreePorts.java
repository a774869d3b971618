package io.fleetwright.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds free TCP ports on 127.0.0.1. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * Returns a port that was free on 127.0.0.1 a moment ago.
   *
   * @return a free port number
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    }
  }

  /**
   * Returns a port below {@code limit} that was free on 127.0.0.1 a moment ago. The OS hands out
   * ports from its ephemeral range (32768 and up on Linux), which some stores cannot hold: the
   * Temporal server keeps its membership ports in a PostgreSQL SMALLINT column (at most 32767).
   *
   * @param limit the first port number not allowed, at most 32768
   * @return a free port number from 20000 to {@code limit - 1}
   */
  public static int nextBelow(int limit) {
    if (limit <= 20001 || limit > 32768) {
      throw new IllegalArgumentException("limit must be 20002 to 32768, got " + limit);
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, limit);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return port;
      } catch (IOException e) {
        // Taken: try another one.
      }
    }
    throw new DevStackException(
        "found no free port from 20000 to " + (limit - 1) + " on 127.0.0.1 in 200 attempts");
  }
}
