package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.ProvisioningJwts;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Renewal before expiry on the emulated fleet: server JWTs that expire in an hour and 8 seconds,
 * renewed an hour before, so every node is reprovisioned and provisioned again within seconds, in
 * the same chain of runs.
 */
class RenewalIT {
  private static final int NODES = 2;

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int exit = cli.execute(args);
    assertEquals(0, exit, out.toString());
    return out.toString();
  }

  @Test
  void nodesAreRenewedBeforeTheirServerJwtExpiresInOneChainOfRuns(@TempDir Path dir)
      throws Exception {
    byte[] provisioningSeed = new byte[32];
    provisioningSeed[1] = 9;
    byte[] signingSeed = new byte[32];
    signingSeed[2] = 4;
    Path seedFile = dir.resolve("signer.seed");
    Files.writeString(seedFile, HexFormat.of().formatHex(signingSeed) + "\n");
    Path helper = Path.of("src/test/resources/helpers/short-lived.py").toAbsolutePath();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path config = dir.resolve("provisioner.yaml");
      Files.writeString(
          config,
          """
          helper: "/usr/bin/python3 %s 8"
          token: renew-it
          identity: fleetwright.renewal-it
          interval: 1h
          loglevel: warn
          jwt_verify_cert: "%s"
          jwt_signing_key: "%s"
          features: {ed25519: true}
          renewal: {before_expiry: 1h, jitter: 0, return_wait: 1s}
          temporal: {target: "%s"}
          nats: {servers: ["%s"]}
          """
              .formatted(
                  helper,
                  HexFormat.of()
                      .formatHex(
                          new Ed25519PrivateKeyParameters(provisioningSeed, 0)
                              .generatePublicKey()
                              .getEncoded()),
                  seedFile,
                  temporal.target(),
                  nats.url()));
      try (Provisioner p = Provisioner.start(ConfigLoader.load(config));
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token("renew-it")
                  .splayScale(0.02)
                  .jwtSource(ProvisioningJwts.ed25519(provisioningSeed))
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(2),
            () -> p.operator().countsByState().get("RENEWAL_WAIT") == NODES,
            () -> p.operator().countsByState().toString());
        String expiring = cli("nodes", "--expiring", "2h", "--config", config.toString());
        assertTrue(expiring.contains("expiring within 2h: " + NODES), expiring);

        Await.until(
            Duration.ofMinutes(2),
            () -> fleet.nodes().stream().allMatch(n -> n.configureCount() >= 2),
            () -> "configures " + fleet.nodes().stream().map(FleetNode::configureCount).toList());
        FleetNode first = fleet.nodes().get(0);
        Await.until(
            "status naming the renewal",
            () -> cli("status", first.identity(), "--config", config.toString()),
            s -> s.contains("because of renewal: credentials expire at"));
        String status = cli("status", first.identity(), "--config", config.toString());
        assertTrue(
            status.matches("(?s).*run: +run [2-9] of this node, because of renewal.*"), status);
      }
    }
  }
}
