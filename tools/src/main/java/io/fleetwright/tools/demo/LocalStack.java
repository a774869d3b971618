package io.fleetwright.tools.demo;

import io.fleetwright.devstack.Binaries;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's local servers: a nats-server and a Temporal dev server (SQLite file under the data
 * folder, Web UI on), reused when they already run on the standard ports. Without a temporal binary
 * it falls back to Temporal's in-process test server, which has no UI and no durability.
 */
final class LocalStack implements AutoCloseable {
  static final int NATS_PORT = 4222;
  static final int TEMPORAL_PORT = 7233;
  static final int UI_PORT = 8233;

  /** The ports it starts servers on, or finds them on. */
  record Ports(int nats, int temporal, int ui) {}

  /** A server left running: {@code nats-server pid 1234}. */
  record Kept(String name, long pid) {
    @Override
    public String toString() {
      return name + " pid " + pid;
    }
  }

  private final List<AutoCloseable> started = new ArrayList<>();
  private final String natsUrl;
  private final String temporalTarget;
  private final Optional<String> uiUrl;
  private Path dataDir;

  private LocalStack(String natsUrl, String temporalTarget, Optional<String> uiUrl) {
    this.natsUrl = natsUrl;
    this.temporalTarget = temporalTarget;
    this.uiUrl = uiUrl;
  }

  static LocalStack startOrReuse(
      Path dataDir, Map<String, String> searchAttributes, PrintStream log) {
    return startOrReuse(
        dataDir,
        searchAttributes,
        log,
        Optional.empty(),
        new Ports(NATS_PORT, TEMPORAL_PORT, UI_PORT));
  }

  /** As above, and a started dev server's UI decodes payloads through {@code codecEndpoint}. */
  static LocalStack startOrReuse(
      Path dataDir,
      Map<String, String> searchAttributes,
      PrintStream log,
      Optional<String> codecEndpoint,
      Ports ports) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the data folder " + dataDir, e);
    }
    List<AutoCloseable> started = new ArrayList<>();
    String natsUrl = "nats://127.0.0.1:" + ports.nats();
    if (speaksNats(ports.nats())) {
      log.println("demo: reusing the nats-server on " + natsUrl);
    } else {
      NatsServer nats =
          NatsServer.start(
              NatsServerOptions.builder()
                  .port(freeOrAny(ports.nats()))
                  .workDir(dataDir.resolve("nats"))
                  .build());
      started.add(nats);
      natsUrl = nats.url();
      log.println("demo: started nats-server on " + natsUrl);
    }
    LocalStack stack;
    Optional<Path> temporal = Binaries.temporal();
    if (portOpen(ports.temporal())) {
      log.println("demo: reusing the Temporal server on 127.0.0.1:" + ports.temporal());
      stack =
          new LocalStack(
              natsUrl,
              "127.0.0.1:" + ports.temporal(),
              Optional.of("http://127.0.0.1:" + ports.ui()));
    } else if (temporal.isPresent()) {
      TemporalDevServerOptions.Builder options =
          TemporalDevServerOptions.builder()
              .binary(temporal.get())
              .port(ports.temporal())
              .ui(freeOrAny(ports.ui()))
              .workDir(dataDir.resolve("temporal"))
              .databaseFile(dataDir.resolve("temporal.db"))
              .searchAttributes(searchAttributes)
              .tunedForThroughput();
      codecEndpoint.ifPresent(options::codecEndpoint);
      TemporalDevServer server = TemporalDevServer.start(options.build());
      started.add(server);
      stack = new LocalStack(natsUrl, server.target(), server.uiUrl());
      log.println(
          "demo: started the Temporal dev server on "
              + server.target()
              + " (data in "
              + dataDir.resolve("temporal.db")
              + ")");
    } else {
      int port = freeOrAny(ports.temporal());
      TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
      started.add(server);
      stack = new LocalStack(natsUrl, "127.0.0.1:" + port, Optional.empty());
      log.println(
          "demo: no temporal binary found (run 'make setup'); using the in-process test server on"
              + " 127.0.0.1:"
              + port
              + ". This loses the Web UI and durability: state dies with"
              + " this process.");
    }
    stack.started.addAll(started);
    stack.dataDir = dataDir;
    stack.uiUrl.ifPresent(url -> log.println("demo: Temporal Web UI: " + url));
    return stack;
  }

  Path dataDir() {
    return dataDir;
  }

  String natsUrl() {
    return natsUrl;
  }

  String temporalTarget() {
    return temporalTarget;
  }

  Optional<String> uiUrl() {
    return uiUrl;
  }

  /** Whether this stack started a Temporal dev server, whose Web UI decodes through the demo's. */
  boolean startedDevServer() {
    return started.stream().anyMatch(TemporalDevServer.class::isInstance);
  }

  /**
   * Leaves the servers this stack started running after the demo exits.
   *
   * @return each with its process ID; empty when it reused servers that were running already
   */
  List<Kept> keep() {
    List<Kept> kept = new ArrayList<>();
    for (AutoCloseable s : started) {
      if (s instanceof NatsServer n) {
        kept.add(new Kept("nats-server", n.pid()));
        n.detach();
      } else if (s instanceof TemporalDevServer t) {
        kept.add(new Kept("temporal", t.pid()));
        t.detach();
      }
    }
    return kept;
  }

  @Override
  public void close() {
    for (AutoCloseable s : started.reversed()) {
      try {
        s.close();
      } catch (Exception e) {
        // Best effort: the next start reuses or replaces what is left.
      }
    }
  }

  private static int freeOrAny(int preferred) {
    return portOpen(preferred) ? 0 : preferred;
  }

  static boolean portOpen(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A NATS server greets every client with an INFO line. */
  private static boolean speaksNats(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      s.setSoTimeout(500);
      InputStream in = s.getInputStream();
      byte[] hello = in.readNBytes(4);
      return "INFO".equals(new String(hello, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }
}
