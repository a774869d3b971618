package io.fleetwright.app.cli;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code provisioner run --config FILE}: worker, discovery and metrics until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the provisioner: Temporal worker, node discovery and /metrics, until stopped.")
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "YAML config; the Go provisioner's keys carry over.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    ProvisionerConfig loaded = ConfigLoader.load(config);
    Logging.apply(loaded.loglevel(), loaded.logfile());
    CountDownLatch stopped = new CountDownLatch(1);
    try (Provisioner provisioner = Provisioner.start(loaded)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      provisioner
          .monitorPort()
          .ifPresent(p -> System.err.println("run: /metrics and /healthz on port " + p));
      stopped.await();
    }
    return 0;
  }
}
