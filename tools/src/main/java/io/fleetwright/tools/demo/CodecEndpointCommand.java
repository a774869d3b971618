package io.fleetwright.tools.demo;

import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.cli.Logging;
import io.fleetwright.app.codec.CodecEndpoint;
import io.fleetwright.app.codec.CodecKeys;
import io.fleetwright.app.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provisioner codec-endpoint --config FILE}: only the codec endpoint of a config's {@code
 * codec:} section, until stopped, so the Web UI decodes payloads with no worker running. {@code
 * demo --keep} leaves one running beside the dev server whose UI it configured.
 */
@Command(
    name = "codec-endpoint",
    mixinStandardHelpOptions = true,
    description =
        "Serve the codec endpoint of FILE's codec: section (key, endpoint_port,"
            + " endpoint_token_file, cors_origins) until stopped, for the Web UI.")
public final class CodecEndpointCommand implements Callable<Integer> {
  /** What the command prints once it listens; the demo waits for it. */
  static final String READY = "codec-endpoint: listening on";

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Config file.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Logging.apply("warn", "stderr");
    ProvisionerConfig loaded = ConfigLoader.load(config);
    if (loaded.codec().endpointPort() == 0) {
      System.err.println(
          "codec-endpoint: "
              + config
              + " has no codec.endpoint_port; set it (and codec.key_file, codec.endpoint_token_file)");
      return 1;
    }
    CodecEndpoint endpoint = CodecKeys.endpoint(loaded, CodecKeys.forRun(loaded)).orElseThrow();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  endpoint.close();
                  stopped.countDown();
                }));
    System.err.println(
        READY
            + " http://"
            + loaded.codec().endpointAddress()
            + ":"
            + endpoint.port()
            + " (pid "
            + ProcessHandle.current().pid()
            + "); stop it with kill "
            + ProcessHandle.current().pid());
    stopped.await();
    return 0;
  }
}
