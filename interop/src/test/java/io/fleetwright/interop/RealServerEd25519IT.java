package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our provisioner with {@code features.ed25519} against real go-choria servers: each makes its own
 * seed (gen25519), we sign a server JWT for its public key, and it restarts into normal mode with
 * the choria security provider on that JWT and seed. The server itself reads the JWT unverified (it
 * checks identity and expiry; a Choria broker would check the signature), so the test checks the
 * signature against our signing key.
 */
class RealServerEd25519IT {
  private static final int SERVERS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void realServersRestartWithTheServerJwtWeSignedForTheirOwnKey(@TempDir Path dir)
      throws Exception {
    Path bin = ChoriaBinary.ensure();
    RealServerProvisioningIT.printVersions(bin);
    NatsServerOptions.Tls tls = BrokerTls.issue(dir.resolve("ca"), dir.resolve("broker"));
    try (NatsServer nats =
            NatsServer.start(
                NatsServerOptions.builder().binary(bin.resolve("nats-server")).tls(tls).build());
        TemporalDevServer temporal = Fixtures.startTemporal();
        WireTap tap = new WireTap(nats.url())) {
      Path jwt =
          RealServerProvisioningIT.provisioningJwt(
              bin.resolve("choria"), dir.resolve("jwt"), nats.url());
      Path signerSeed = jwt.resolveSibling("signer.seed");
      String signer = Files.readString(jwt.resolveSibling("signer.public")).strip();
      List<RealServer> servers = new ArrayList<>();
      try (InteropProvisioner provisioner =
          InteropProvisioner.start(config(dir, nats, temporal.target(), signer, signerSeed))) {
        for (int i = 1; i <= SERVERS; i++) {
          String identity = "ed" + i + ".interop.fleetwright";
          servers.add(
              RealServer.start(bin.resolve("choria"), identity, dir.resolve(identity), jwt));
        }
        Await.until(
            Duration.ofMinutes(5),
            () ->
                servers.stream()
                        .allMatch(
                            s -> RealServerProvisioningIT.restartedInNormalMode(tap, s.identity()))
                    && provisioner.countsByState().getOrDefault("PROVISIONED", 0L) == SERVERS,
            () -> RealServerProvisioningIT.progress(tap, servers, provisioner));
        for (RealServer server : servers) {
          assertTrue(server.alive(), server.identity() + " exited:\n" + server.log());
          ServerChecks.assertLifecycle(tap.events(), server.identity());
          assertServerJwtIsOursForItsSeed(server, signer, tap);
        }
        System.out.println(
            "interop: " + SERVERS + " real servers run on server JWTs we signed (ed25519)");
      } finally {
        Path logs = Path.of("target", "interop-logs", "ed25519");
        tap.dump(logs.resolve("broker-messages.txt"));
        for (RealServer server : servers) {
          server.close();
          server.keepLogs(logs);
        }
      }
    }
  }

  private static void assertServerJwtIsOursForItsSeed(RealServer server, String signer, WireTap tap)
      throws Exception {
    Path etc = server.configFile().getParent();
    String id = server.identity();
    String seed = Files.readString(etc.resolve("server.seed")).strip();
    String jwt = Files.readString(etc.resolve("server.jwt")).strip();
    String[] parts = jwt.split("\\.");
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(HexFormat.of().parseHex(signer)));
    verifier.update(signed, 0, signed.length);
    assertTrue(verifier.verifySignature(Base64.getUrlDecoder().decode(parts[2])), id + " " + jwt);
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    String publicKey =
        HexFormat.of()
            .formatHex(
                new Ed25519PrivateKeyParameters(HexFormat.of().parseHex(seed), 0)
                    .generatePublicKey()
                    .getEncoded());
    assertEquals(publicKey, claims.path("public_key").asText(), id + " claims " + claims);
    assertEquals(id, claims.path("identity").asText(), id + " claims " + claims);
    assertEquals(List.of(), tap.subjectsContaining(seed), id + " seed on the wire");
    assertFalse(Files.readString(server.configFile()).contains("provision=true"), id);
  }

  private static String config(
      Path dir, NatsServer nats, String temporal, String signer, Path signerSeed) {
    Path helper = Path.of("src", "test", "resources", "interop-helper-ed25519.sh").toAbsolutePath();
    String broker = "nats://" + BrokerTls.HOST + ":" + nats.port();
    return """
        helper: "/bin/sh %s %s %s %s"
        token: %s
        site: interop
        identity: fleetwright.interop
        interval: 20s
        workers: 4
        loglevel: info
        features: {ed25519: true, jwt: true}
        jwt_verify_cert: "%s"
        jwt_signing_key: "%s"
        temporal: {target: "%s"}
        nats: {servers: ["%s"]}
        """
        .formatted(
            helper,
            broker,
            signer,
            dir.resolve("ca").resolve("ca.pem"),
            RealServerProvisioningIT.TOKEN,
            signer,
            signerSeed,
            temporal,
            nats.url());
  }
}
