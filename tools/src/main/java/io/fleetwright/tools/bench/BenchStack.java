package io.fleetwright.tools.bench;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.devstack.Binaries;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.devstack.TemporalDevServerOptions;
import io.fleetwright.devstack.TemporalServer;
import io.fleetwright.devstack.TemporalServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's own servers on free ports: a nats-server and either a Temporal dev server with
 * its SQLite file on disk, so every node's history is durable as in production, or the
 * production-shaped {@code temporal-server} on its own PostgreSQL. Never reuses servers someone
 * else runs.
 */
final class BenchStack implements AutoCloseable {
  /**
   * Both servers get the settings the dev server's {@code tunedForThroughput()} recommends for one
   * worker set, so the two throughput lines compare the servers, not their settings.
   */
  private static final Map<String, String> DYNAMIC_CONFIG =
      Map.of(
          "system.enableEagerWorkflowStart", "true",
          "system.enableActivityEagerExecution", "true",
          "matching.numTaskqueueReadPartitions", "1",
          "matching.numTaskqueueWritePartitions", "1",
          "system.forceSearchAttributesCacheRefreshOnRead", "false");

  private final NatsServer nats;
  private final AutoCloseable temporal;
  private final String temporalTarget;
  private final Map<String, ProcCpu.Source> servers;

  private BenchStack(
      NatsServer nats,
      AutoCloseable temporal,
      String temporalTarget,
      Map<String, ProcCpu.Source> servers) {
    this.nats = nats;
    this.temporal = temporal;
    this.temporalTarget = temporalTarget;
    this.servers = servers;
  }

  /** nats-server and the Temporal dev server on SQLite in {@code dir}. */
  static BenchStack start(Path dir) {
    Path binary =
        Binaries.temporal()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "bench needs the temporal CLI for a durable dev server; run 'make setup'"));
    NatsServer nats = nats(dir);
    try {
      TemporalDevServerOptions.Builder options =
          TemporalDevServerOptions.builder()
              .binary(binary)
              .port(0)
              .workDir(dir.resolve("temporal"))
              .databaseFile(dir.resolve("temporal.db"))
              .searchAttributes(SearchAttributeKeys.REGISTRATION);
      DYNAMIC_CONFIG.forEach(options::dynamicConfig);
      options.tunedForThroughput();
      TemporalDevServer temporal = TemporalDevServer.start(options.build());
      Map<String, ProcCpu.Source> servers = new LinkedHashMap<>();
      servers.put(
          "temporal",
          ProcCpu.Source.process(
              ProcCpu.pidOf(dir.resolve("temporal.db").toString()).orElse(temporal.pid())));
      servers.put("nats", ProcCpu.Source.process(nats.pid()));
      return new BenchStack(nats, temporal, temporal.target(), servers);
    } catch (RuntimeException e) {
      nats.close();
      throw e;
    }
  }

  /**
   * nats-server and the production-shaped {@code temporal-server} on its own PostgreSQL cluster
   * (both from {@code make setup}), with the same dynamic config as the dev server.
   */
  static BenchStack production(Path dir) {
    NatsServer nats = nats(dir);
    try {
      Path work = dir.resolve("temporal-server");
      Files.createDirectories(work);
      StringBuilder yaml =
          new StringBuilder("frontend.enableServerVersionCheck:\n  - value: false\n");
      DYNAMIC_CONFIG.forEach(
          (k, v) -> yaml.append(k).append(":\n  - value: ").append(v).append('\n'));
      Path dynamic = Files.writeString(dir.resolve("temporal-server-dynamic.yaml"), yaml);
      TemporalServer temporal =
          TemporalServer.start(
              TemporalServerOptions.builder()
                  .workDir(work)
                  .searchAttributes(SearchAttributeKeys.REGISTRATION)
                  .dynamicConfigFile(dynamic)
                  .build());
      Map<String, ProcCpu.Source> servers = new LinkedHashMap<>();
      servers.put("temporal", ProcCpu.Source.process(temporal.pid()));
      servers.put("postgresql", ProcCpu.Source.tree(temporal.postgres().pid()));
      servers.put("nats", ProcCpu.Source.process(nats.pid()));
      return new BenchStack(nats, temporal, temporal.target(), servers);
    } catch (IOException e) {
      nats.close();
      throw new UncheckedIOException("could not write the server's files in " + dir, e);
    } catch (RuntimeException e) {
      nats.close();
      throw e;
    }
  }

  private static NatsServer nats(Path dir) {
    return NatsServer.start(
        NatsServerOptions.builder().port(0).workDir(dir.resolve("nats")).build());
  }

  BenchTarget target(Path dir, Path home, Path provisionerCommand) {
    return new BenchTarget(nats.url(), temporalTarget, dir, home, provisionerCommand, servers);
  }

  @Override
  public void close() {
    try {
      temporal.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the bench's Temporal server: " + e, e);
    } finally {
      nats.close();
    }
  }
}
