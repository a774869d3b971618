package io.fleetwright.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's provisioning path with {@code --pki} for each example helper, on test servers: every
 * node ends with a certificate that verifies against the built-in CA's chain.
 */
class DemoPkiIT {
  private static final int NODES = 20;
  private NatsServer nats;
  private TemporalDevServer temporal;

  /** Fresh servers per example, so that each example stands alone. */
  @BeforeEach
  void start() {
    nats = Fixtures.startNats();
    temporal = Fixtures.startTemporal();
  }

  @AfterEach
  void stop() {
    temporal.close();
    nats.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"provision.js", "provision.py", "provision.sh"})
  void everyNodeGetsACertificateThatVerifiesAgainstTheCaChain(String example, @TempDir Path data)
      throws Exception {
    Path helper = Path.of("..", "helpers", "examples", example).toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(helper), helper.toString());
    DemoCommand demo = new DemoCommand();
    demo.nodes = NODES;
    demo.pki = true;
    demo.timeout = java.time.Duration.ofSeconds(300);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(out, true, StandardCharsets.UTF_8);

    DemoCommand.DemoResult result =
        demo.provision(
            new DemoCommand.Endpoints(
                nats.url(),
                temporal.target(),
                data,
                Optional.empty(),
                DemoCodec.prepare(data, err)),
            helper,
            err);

    String log = out.toString(StandardCharsets.UTF_8);
    assertEquals(NODES, result.ok(), result.line() + "\n" + log);
    assertTrue(
        log.contains("demo: " + NODES + "/" + NODES + " certificates verify against the CA chain"),
        log);
    assertTrue(
        result
            .line()
            .matches(
                "provisioned 20/20 nodes in [0-9.]+s \\(\\d+ nodes/min\\); deferred 0, failed 0"),
        result.line());
  }
}
