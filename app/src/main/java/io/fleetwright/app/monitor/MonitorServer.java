package io.fleetwright.app.monitor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /healthz} (JSON: 200 when ready, 503 naming
 * what is missing) on {@code monitor_port}.
 */
public final class MonitorServer implements AutoCloseable {
  private final HttpServer server;

  // Platform threads: /healthz must answer, and say "stalled", when the virtual-thread scheduler
  // that runs the workflow tasks and activities runs nothing.
  private final ExecutorService executor =
      Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("monitor-", 0).factory());

  public MonitorServer(
      String address, int port, Supplier<String> metrics, Supplier<Readiness.Health> health) {
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not listen on "
              + address
              + ":"
              + port
              + " for /metrics; choose a free"
              + " monitor_port or set monitor_port: 0 to turn the endpoint off",
          e);
    }
    server.createContext(
        "/metrics",
        exchange ->
            HttpReplies.send(
                exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext(
        "/healthz",
        exchange -> {
          Readiness.Health now = health.get();
          HttpReplies.send(
              exchange, now.ready() ? 200 : 503, "application/json; charset=utf-8", now.body());
        });
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
