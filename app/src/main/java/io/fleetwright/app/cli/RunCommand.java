package io.fleetwright.app.cli;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ChoriaClientConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.config.SrvLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provisioner run --config FILE}: worker, discovery and metrics until stopped. The default
 * command, with the Go provisioner's flags ({@code --choria-config}, {@code --pid}, {@code
 * --debug}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the provisioner: Temporal worker, node discovery and /metrics, until stopped."
            + " The default command: 'provisioner --config FILE' runs it too.")
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "YAML config; the Go provisioner's keys carry over.")
  Path config;

  @Option(
      names = "--choria-config",
      paramLabel = "FILE",
      description =
          "Choria client config, as the Go provisioner reads it: the brokers"
              + " (plugin.choria.middleware_hosts, or SRV records in plugin.choria.srv_domain) and"
              + " identity. A key we cannot honour is refused by name.")
  Path choriaConfig;

  @Option(
      names = "--pid",
      paramLabel = "FILE",
      description = "Write the process ID to FILE while running; removed at exit.")
  Path pidFile;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description = "Temporal frontend; replaces temporal.target of the config.")
  String temporal;

  @Override
  public Integer call() throws InterruptedException {
    ProvisionerConfig loaded =
        ConfigLoader.load(
            config,
            Optional.ofNullable(choriaConfig).map(ChoriaClientConfig::read),
            SrvLookup.dns(Optional.empty()),
            Optional.ofNullable(temporal));
    Logging.apply(Main.debug() ? "debug" : loaded.loglevel(), loaded.logfile(), loaded.logformat())
        .ifPresent(LogReopen::onSighup);
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    try (PidFile pid = PidFile.write(pidFile);
        Provisioner provisioner = Provisioner.start(loaded)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndWait(stopped, closed)));
      provisioner
          .monitorPort()
          .ifPresent(p -> System.err.println("run: /metrics and /healthz on port " + p));
      stopped.await();
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /**
   * On SIGTERM or SIGINT: lets {@link #call()} close the provisioner and remove the PID file before
   * the JVM halts, as the Go provisioner does on its interrupt.
   */
  private static void stopAndWait(CountDownLatch stopped, CountDownLatch closed) {
    stopped.countDown();
    try {
      closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The {@code --pid} file: written at start, removed when closed; nothing without one. */
  private record PidFile(Path file) implements AutoCloseable {
    static PidFile write(Path file) {
      if (file != null) {
        try {
          Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
          throw new ConfigException(
              "could not write the PID to "
                  + file
                  + " (--pid): "
                  + e.getMessage()
                  + "; choose a writable path, e.g. --pid /run/choria-provisioner.pid");
        }
      }
      return new PidFile(file);
    }

    @Override
    public void close() {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // Left behind: the next start overwrites it.
        }
      }
    }
  }
}
