package io.fleetwright.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real nats-server process on 127.0.0.1, started from a generated config file in its own folder.
 * Close it to stop the process; {@link #restart()} brings it back on the same port.
 */
public final class NatsServer implements AutoCloseable {
  private final NatsServerOptions options;
  private final int port;
  private ManagedProcess process;

  private NatsServer(NatsServerOptions options) {
    this.options = options;
    this.port = options.port() == 0 ? FreePorts.next() : options.port();
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @param options how to run it
   * @return the running server
   */
  public static NatsServer start(NatsServerOptions options) {
    NatsServer server = new NatsServer(options);
    server.launch();
    return server;
  }

  private void launch() {
    Path config = writeConfig();
    List<String> command = new ArrayList<>();
    command.add(options.binary().toString());
    command.add("-c");
    command.add(config.toString());
    process = new ManagedProcess("nats-server", command, options.workDir());
    process.start();
    process.awaitReady(
        options.startTimeout(),
        () -> ManagedProcess.portOpen("127.0.0.1", port),
        "nats-server start on 127.0.0.1:" + port);
  }

  private Path writeConfig() {
    StringBuilder conf = new StringBuilder();
    conf.append("listen: 127.0.0.1:").append(port).append('\n');
    conf.append("max_payload: ").append(options.maxPayload()).append('\n');
    conf.append("max_pending: ").append(64L * 1024 * 1024).append('\n');
    options
        .tls()
        .ifPresent(
            tls ->
                conf.append("allow_non_tls: true\ntls {\n  cert_file: \"")
                    .append(tls.certificate())
                    .append("\"\n  key_file: \"")
                    .append(tls.key())
                    .append("\"\n}\n"));
    conf.append(options.extraConfig()).append('\n');
    try {
      Files.createDirectories(options.workDir());
      Path file = options.workDir().resolve("nats.conf");
      Files.writeString(file, conf.toString());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write nats.conf in " + options.workDir(), e);
    }
  }

  /**
   * The client URL.
   *
   * @return {@code nats://127.0.0.1:<port>}
   */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /**
   * The listening port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /** Stops the server and starts it again on the same port, as an operator restart would. */
  public void restart() {
    process.stop(Duration.ofSeconds(10));
    launch();
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() {
    process.kill();
  }

  /** Starts the server again after {@link #kill()} or a stop. */
  public void startAgain() {
    if (process.isAlive()) {
      throw new DevStackException("nats-server on port " + port + " is still running");
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
    process.close();
  }
}
