package io.fleetwright.app.operator;

import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.codec.CodecKeys;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.app.worker.TemporalConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that talks to Temporal shares. */
public final class TemporalOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Provisioner config; its temporal: section says where the server is and how to"
              + " connect (TLS, API key). Without it, Temporal's TEMPORAL_* variables and"
              + " profile apply.")
  Path config;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description = "Temporal frontend (overrides the config; default 127.0.0.1:7233).")
  String target;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Temporal namespace (overrides the config; default 'default').")
  String namespace;

  public ProvisionerConfig config() {
    return config == null ? ConfigLoader.parse("") : ConfigLoader.load(config);
  }

  String target(ProvisionerConfig c) {
    return target != null ? target : c.temporal().target();
  }

  String namespace(ProvisionerConfig c) {
    return namespace != null ? namespace : c.temporal().namespace();
  }

  public TemporalConnection connect(ProvisionerConfig c) {
    return TemporalConnection.connect(
        c.temporal().at(target(c), namespace(c)),
        new SimpleMeterRegistry(),
        CodecKeys.converter(c),
        List.of());
  }

  FleetOperator operator(TemporalConnection connection, ProvisionerConfig c) {
    return new FleetOperator(connection.client(), namespace(c), c.temporal().taskQueue());
  }
}
