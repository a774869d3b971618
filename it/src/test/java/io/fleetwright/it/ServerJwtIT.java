package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.fleet.ProvisioningJwts;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.ThreadDumps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With features.ed25519, every node gets a server JWT signed by jwt_signing_key for its key. */
class ServerJwtIT {
  private static final int NODES = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyNodeGetsAServerJwtForItsOwnKey(@TempDir Path dir) throws Exception {
    byte[] provisioningSeed = new byte[32];
    provisioningSeed[1] = 5;
    String verifyKey = publicHex(provisioningSeed);
    byte[] signingSeed = new byte[32];
    signingSeed[2] = 7;
    Path seedFile = dir.resolve("signer.seed");
    Files.writeString(seedFile, HexFormat.of().formatHex(signingSeed) + "\n");
    Path helper = dir.resolve("claims.js");
    Files.writeString(
        helper,
        """
        function provision(host) {
          return {
            defer: false,
            msg: "ok",
            server_claims: {collectives: ["lab"], pub_subjects: ["lab.>"]},
            configuration: {"identity": host.identity, "plugin.choria.server.provision": "false"}
          };
        }
        """);
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      ProvisionerConfig config =
          ConfigLoader.parse(
              """
              helper: "%s"
              token: jwt-it
              identity: fleetwright.jwt-it
              interval: 1h
              loglevel: warn
              jwt_verify_cert: "%s"
              jwt_signing_key: "%s"
              features: {ed25519: true}
              temporal: {target: "%s"}
              nats: {servers: ["%s"]}
              """
                  .formatted(helper, verifyKey, seedFile, temporal.target(), nats.url()));
      try (Provisioner provisioner = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token("jwt-it")
                  .seed(11)
                  .splayScale(0.02)
                  .jwtSource(ProvisioningJwts.ed25519(provisioningSeed))
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(3),
            () -> fleet.count(NodeMode.PROVISIONED) == NODES,
            () -> "modes " + fleet.countsByMode(),
            () -> ThreadDumps.printThisJvm("nodes not provisioned in time"));
        for (FleetNode node : fleet.nodes()) {
          String jwt = node.serverJwt().orElseThrow();
          String[] parts = jwt.split("\\.");
          byte[] message = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
          Ed25519Signer verifier = new Ed25519Signer();
          verifier.init(
              false,
              new Ed25519PublicKeyParameters(HexFormat.of().parseHex(publicHex(signingSeed))));
          verifier.update(message, 0, message.length);
          assertTrue(
              verifier.verifySignature(Base64.getUrlDecoder().decode(parts[2])),
              node.identity() + ": " + jwt);
          JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
          assertEquals(node.identity(), claims.path("identity").asText(), claims.toString());
          assertEquals(node.ed25519PublicKey().orElseThrow(), claims.path("public_key").asText());
          assertEquals("[\"lab\"]", claims.path("collectives").toString());
          assertEquals("[\"lab.>\"]", claims.path("pub_subjects").toString());
          assertEquals("Choria Provisioner", claims.path("iss").asText());
        }
      }
    }
  }

  private static String publicHex(byte[] seed) {
    return HexFormat.of()
        .formatHex(new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
  }
}
