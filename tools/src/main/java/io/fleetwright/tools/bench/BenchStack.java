package io.fleetwright.tools.bench;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.devstack.Binaries;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import java.nio.file.Path;

/**
 * The benchmark's own servers on free ports: a nats-server and a Temporal dev server with its
 * SQLite file on disk, so every node's history is durable as in production. Never reuses servers
 * someone else runs.
 */
final class BenchStack implements AutoCloseable {
  private final NatsServer nats;
  private final TemporalDevServer temporal;

  private BenchStack(NatsServer nats, TemporalDevServer temporal) {
    this.nats = nats;
    this.temporal = temporal;
  }

  static BenchStack start(Path dir) {
    Path binary =
        Binaries.temporal()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "bench needs the temporal CLI for a durable dev server; run 'make setup'"));
    NatsServer nats =
        NatsServer.start(NatsServerOptions.builder().port(0).workDir(dir.resolve("nats")).build());
    try {
      TemporalDevServer temporal =
          TemporalDevServer.start(
              TemporalDevServerOptions.builder()
                  .binary(binary)
                  .port(0)
                  .workDir(dir.resolve("temporal"))
                  .databaseFile(dir.resolve("temporal.db"))
                  .searchAttributes(SearchAttributeKeys.REGISTRATION)
                  .dynamicConfig("system.enableEagerWorkflowStart", "true")
                  .tunedForThroughput()
                  .build());
      return new BenchStack(nats, temporal);
    } catch (RuntimeException e) {
      nats.close();
      throw e;
    }
  }

  BenchTarget target(Path dir, Path home, Path provisionerCommand) {
    return new BenchTarget(nats.url(), temporal.target(), dir, home, provisionerCommand);
  }

  @Override
  public void close() {
    temporal.close();
    nats.close();
  }
}
