package io.fleetwright.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code temporal server start-dev} on 127.0.0.1 with a SQLite file, our search attributes
 * registered, and optionally the Web UI. {@link #restart()} brings it back on the same ports and
 * file.
 */
public final class TemporalDevServer implements AutoCloseable {
  private final TemporalDevServerOptions options;
  private final int port;
  private final int uiPort;
  private final int metricsPort;
  private final int httpPort;
  private ManagedProcess process;

  private TemporalDevServer(TemporalDevServerOptions options) {
    this.options = options;
    this.port = options.port() == 0 ? FreePorts.next() : options.port();
    this.uiPort = options.uiEnabled() ? pick(options.uiPort()) : -1;
    this.metricsPort = pick(options.metricsPort());
    this.httpPort = FreePorts.next();
  }

  private static int pick(int port) {
    return port == 0 ? FreePorts.next() : port;
  }

  /**
   * Starts the dev server, waits until the namespace answers, and registers missing search
   * attributes.
   *
   * @param options how to run it
   * @return the running server
   */
  public static TemporalDevServer start(TemporalDevServerOptions options) {
    TemporalDevServer server = new TemporalDevServer(options);
    server.launch();
    return server;
  }

  private void launch() {
    process = new ManagedProcess("temporal", command(), options.workDir(), options.environment());
    process.start();
    process.awaitReady(
        options.startTimeout(),
        () ->
            ManagedProcess.portOpen("127.0.0.1", port)
                && cli("operator", "namespace", "describe", "--namespace", options.namespace())
                        .exitCode()
                    == 0,
        "temporal dev server start on 127.0.0.1:" + port);
    ensureSearchAttributes();
  }

  private List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(options.binary().toString());
    cmd.addAll(List.of("server", "start-dev", "--ip", "127.0.0.1", "--port", "" + port));
    cmd.addAll(List.of("--http-port", "" + httpPort, "--metrics-port", "" + metricsPort));
    cmd.addAll(List.of("--db-filename", options.databaseFile().toString()));
    if (uiPort > 0) {
      cmd.addAll(List.of("--ui-port", "" + uiPort, "--ui-ip", "127.0.0.1"));
      options.codecEndpoint().ifPresent(url -> cmd.addAll(List.of("--ui-codec-endpoint", url)));
    } else {
      cmd.add("--headless");
    }
    if (!"default".equals(options.namespace())) {
      cmd.addAll(List.of("--namespace", options.namespace()));
    }
    options
        .searchAttributes()
        .forEach((name, type) -> cmd.addAll(List.of("--search-attribute", name + "=" + type)));
    cmd.addAll(
        List.of("--sqlite-pragma", "journal_mode=WAL", "--sqlite-pragma", "synchronous=NORMAL"));
    for (Map.Entry<String, String> e : options.dynamicConfig().entrySet()) {
      cmd.addAll(List.of("--dynamic-config-value", e.getKey() + "=" + e.getValue()));
    }
    cmd.addAll(List.of("--log-level", options.logLevel()));
    return cmd;
  }

  /** The flag only applies when the namespace is first created, so an existing file needs this. */
  private void ensureSearchAttributes() {
    if (options.searchAttributes().isEmpty()) {
      return;
    }
    CliResult list =
        cli("operator", "search-attribute", "list", "--namespace", options.namespace());
    if (list.exitCode() != 0) {
      throw process.failure("listing search attributes failed: " + list.output());
    }
    options
        .searchAttributes()
        .forEach(
            (name, type) -> {
              if (!list.output().contains(name)) {
                CliResult created =
                    cli(
                        "operator",
                        "search-attribute",
                        "create",
                        "--namespace",
                        options.namespace(),
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

  /** The exit code and combined output of one CLI call. */
  public record CliResult(int exitCode, String output) {}

  /**
   * Runs a {@code temporal} CLI command against this server (the address is added).
   *
   * @param args the command, e.g. {@code workflow list}
   * @return its exit code and output
   */
  public CliResult cli(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(options.binary().toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--address", target()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new CliResult(-1, "timed out: " + String.join(" ", cmd));
      }
      return new CliResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new CliResult(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while running " + String.join(" ", cmd), e);
    }
  }

  /**
   * @return the gRPC target, {@code 127.0.0.1:<port>}
   */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /**
   * @return the namespace
   */
  public String namespace() {
    return options.namespace();
  }

  /**
   * @return the Web UI URL, or empty when headless
   */
  public java.util.Optional<String> uiUrl() {
    return uiPort > 0
        ? java.util.Optional.of("http://127.0.0.1:" + uiPort)
        : java.util.Optional.empty();
  }

  /**
   * @return the URL of the server's Prometheus metrics
   */
  public String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }

  /**
   * @return the options it runs with
   */
  public TemporalDevServerOptions options() {
    return options;
  }

  /** Stops the server and starts it again on the same ports and database file. */
  public void restart() {
    process.stop(Duration.ofSeconds(15));
    launch();
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }

  /** Starts the server again after {@link #kill()}. */
  public void startAgain() {
    if (process.isAlive()) {
      throw new DevStackException("the temporal dev server on port " + port + " is still running");
    }
    launch();
  }

  /**
   * Returns the process ID of the running server, so that whoever keeps it running after {@link
   * #detach()} can stop it.
   */
  public long pid() {
    return process.pid();
  }

  /** Leaves the server running after this JVM exits; {@link #close()} then does nothing. */
  public void detach() {
    process.detach();
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(15));
  }
}
