package io.fleetwright.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A production-shaped Temporal: the real server ({@code temporal-server}, built by {@code make
 * setup} from {@code go.temporal.io/server}) on its own throwaway {@link PostgresCluster}, with the
 * {@code temporal} and {@code temporal_visibility} databases set up by Temporal's own {@code
 * temporal-sql-tool}, several history shards, the namespace and search attributes registered. The
 * same steps as docker-compose.yml, with processes instead of containers.
 *
 * <p>{@link #restart()} stops and starts the server process only; PostgreSQL and every port stay.
 */
public final class TemporalServer implements AutoCloseable {
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  /** How long each start-up phase took, for the record. */
  public record Startup(Duration postgres, Duration schema, Duration server, Duration namespace) {
    /**
     * @return the whole start-up
     */
    public Duration total() {
      return postgres.plus(schema).plus(server).plus(namespace);
    }
  }

  private final TemporalServerOptions options;
  private final PostgresCluster postgres;
  private final TemporalServerConfig.Ports ports;
  private ManagedProcess process;
  private Startup startup;

  private TemporalServer(TemporalServerOptions options, PostgresCluster postgres) {
    this.options = options;
    this.postgres = postgres;
    this.ports = TemporalServerConfig.Ports.pick();
  }

  /**
   * Starts PostgreSQL, sets up the schema, starts the server, waits for the frontend's health, and
   * creates the namespace and search attributes.
   *
   * @param options how to run it
   * @return the running server
   */
  public static TemporalServer start(TemporalServerOptions options) {
    long t0 = System.nanoTime();
    PostgresCluster postgres = PostgresCluster.start(options.postgresBin(), options.startTimeout());
    TemporalServer server = new TemporalServer(options, postgres);
    try {
      Files.createDirectories(options.workDir());
      long t1 = System.nanoTime();
      server.setUpSchema();
      long t2 = System.nanoTime();
      server.writeConfig();
      server.launch();
      long t3 = System.nanoTime();
      server.ensureNamespace();
      server.ensureSearchAttributes();
      long t4 = System.nanoTime();
      server.startup =
          new Startup(
              Duration.ofNanos(t1 - t0),
              Duration.ofNanos(t2 - t1),
              Duration.ofNanos(t3 - t2),
              Duration.ofNanos(t4 - t3));
      return server;
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("could not create " + options.workDir(), e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Creates both databases and brings them to the schema version this server needs. */
  private void setUpSchema() {
    Map<String, String> env = Map.of("SQL_PASSWORD", postgres.password());
    for (String[] db :
        new String[][] {
          {"temporal", "postgresql/v12/temporal"},
          {"temporal_visibility", "postgresql/v12/visibility"}
        }) {
      List<String> base =
          List.of(
              options.sqlTool().toString(),
              "--plugin",
              "postgres12",
              "--ep",
              postgres.host(),
              "--port",
              Integer.toString(postgres.port()),
              "--user",
              postgres.user(),
              "--db",
              db[0]);
      // The schema files are embedded in the tool (the module's schema/postgresql/v12 folder).
      for (List<String> step :
          List.of(
              List.of("create-database"),
              List.of("setup-schema", "-v", "0.0"),
              List.of("update-schema", "--schema-name", db[1]))) {
        List<String> command = new ArrayList<>(base);
        command.addAll(step);
        Commands.Result result = Commands.run(command, env, options.workDir(), TOOL_TIMEOUT);
        if (!result.ok()) {
          throw result.failure("temporal-sql-tool " + step.get(0) + " of database " + db[0]);
        }
      }
    }
  }

  private Path configDir() {
    return options.workDir().resolve("config");
  }

  private void writeConfig() {
    try {
      Files.createDirectories(configDir());
      Path dynamic =
          options.dynamicConfigFile().isPresent()
              ? options.dynamicConfigFile().get()
              : Files.writeString(
                  configDir().resolve("dynamicconfig.yaml"),
                  "frontend.enableServerVersionCheck:\n  - value: false\n");
      Path file = configDir().resolve("fleetwright.yaml");
      Files.deleteIfExists(file);
      // The config holds the database password: readable by its owner only.
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          TemporalServerConfig.render(
              postgres,
              options.historyShards(),
              options.logLevel(),
              dynamic,
              ports,
              options.frontendTls()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the server config in " + configDir(), e);
    }
  }

  private void launch() {
    List<String> command =
        List.of(
            options.serverBinary().toString(),
            "--root",
            options.workDir().toString(),
            "--config",
            "config",
            "--env",
            "fleetwright",
            "--allow-no-auth",
            "start");
    process = new ManagedProcess("temporal-server", command, options.workDir());
    process.start();
    process.awaitReady(
        options.startTimeout(),
        () ->
            ManagedProcess.portOpen("127.0.0.1", ports.frontend())
                && cli("operator", "cluster", "health").output().contains("SERVING"),
        "temporal-server frontend health on " + target());
  }

  private void ensureNamespace() {
    if (cli("operator", "namespace", "describe", "--namespace", namespace()).exitCode() != 0) {
      TemporalDevServer.CliResult created =
          cli(
              "operator",
              "namespace",
              "create",
              "--namespace",
              namespace(),
              "--retention",
              options.retention().toHours() + "h");
      if (created.exitCode() != 0) {
        throw process.failure("creating namespace " + namespace() + " failed: " + created.output());
      }
    }
    awaitNamespace();
  }

  /**
   * Describe reads the database, but most calls resolve the namespace through the frontend's
   * namespace cache, which may still hold "not found" from before the create: listing search
   * attributes goes through that cache.
   */
  private void awaitNamespace() {
    process.awaitReady(
        options.startTimeout(),
        () ->
            cli("operator", "search-attribute", "list", "--namespace", namespace()).exitCode() == 0,
        "namespace " + namespace() + " on " + target());
  }

  private void ensureSearchAttributes() {
    if (options.searchAttributes().isEmpty()) {
      return;
    }
    TemporalDevServer.CliResult list =
        cli("operator", "search-attribute", "list", "--namespace", namespace());
    if (list.exitCode() != 0) {
      throw process.failure("listing search attributes failed: " + list.output());
    }
    options
        .searchAttributes()
        .forEach(
            (name, type) -> {
              if (!list.output().contains(name)) {
                TemporalDevServer.CliResult created =
                    cli(
                        "operator",
                        "search-attribute",
                        "create",
                        "--namespace",
                        namespace(),
                        "--name",
                        name,
                        "--type",
                        type);
                if (created.exitCode() != 0) {
                  throw process.failure(
                      "registering search attribute "
                          + name
                          + "="
                          + type
                          + " failed: "
                          + created.output());
                }
              }
            });
  }

  /**
   * Runs a {@code temporal} CLI command against this server (the address is added).
   *
   * @param args the command, e.g. {@code operator search-attribute list}
   * @return its exit code and output
   */
  public TemporalDevServer.CliResult cli(String... args) {
    List<String> command = new ArrayList<>();
    command.add(options.cli().toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--address", target()));
    options.frontendTls().ifPresent(tls -> command.addAll(tls.cliFlags()));
    Commands.Result result = Commands.run(command, Map.of(), null, Duration.ofSeconds(30));
    return new TemporalDevServer.CliResult(result.exitCode(), result.output());
  }

  /**
   * @return the frontend's gRPC target, {@code 127.0.0.1:<port>} (with TLS when {@link
   *     TemporalServerOptions#frontendTls()} is set)
   */
  public String target() {
    return "127.0.0.1:" + ports.frontend();
  }

  /**
   * @return the namespace
   */
  public String namespace() {
    return options.namespace();
  }

  /**
   * @return the URL of the server's Prometheus metrics
   */
  public String metricsUrl() {
    return "http://127.0.0.1:" + ports.metrics() + "/metrics";
  }

  /**
   * @return the pid of the running server process (it changes on restart)
   */
  public long pid() {
    return process.pid();
  }

  /**
   * @return the PostgreSQL cluster the server runs on
   */
  public PostgresCluster postgres() {
    return postgres;
  }

  /**
   * @return how long each phase of the first start took
   */
  public Startup startup() {
    return startup;
  }

  /**
   * @return the options it runs with
   */
  public TemporalServerOptions options() {
    return options;
  }

  /**
   * @return the server's log file (every start appends to it)
   */
  public Path log() {
    return options.workDir().resolve("temporal-server.log");
  }

  /** Stops the server process (SIGTERM) and starts it again on the same ports and databases. */
  public void restart() {
    process.stop(Duration.ofSeconds(15));
    startAgain();
  }

  /** Kills the server process at once (SIGKILL), as a crash would; PostgreSQL keeps running. */
  public void kill() {
    process.kill();
  }

  /** Starts the server process again after {@link #kill()}, and waits for health and namespace. */
  public void startAgain() {
    if (process.isAlive()) {
      throw new DevStackException("temporal-server on " + target() + " is still running");
    }
    launch();
    awaitNamespace();
  }

  @Override
  public void close() {
    try {
      if (process != null) {
        process.stop(Duration.ofSeconds(15));
      }
    } finally {
      postgres.close();
    }
  }
}
