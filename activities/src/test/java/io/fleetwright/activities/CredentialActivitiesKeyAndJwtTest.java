package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.EncryptedKey;
import io.fleetwright.api.FailureTypes;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.api.ServerJwtInput;
import io.fleetwright.credentials.SecretSealer;
import io.fleetwright.credentials.ServerJwtSigner;
import io.fleetwright.fleet.internal.EdKeys;
import io.fleetwright.fleet.internal.LegacyPem;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialActivitiesKeyAndJwtTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private final SecretSealer sealer = SecretSealer.random();

  private CredentialActivitiesImpl activities(Optional<ServerJwtSigner> signer) {
    return new CredentialActivitiesImpl(
        List.of(), Optional.empty(), Optional.empty(), signer, sealer, Clock.systemUTC());
  }

  @Test
  void theNodeDecryptsTheDeliveredKeyWithItsOwnEcdhKey() throws Exception {
    byte[] der = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END PRIVATE KEY-----\n";
    X25519PrivateKeyParameters node = EdKeys.newX25519();
    String nodePublic = HexFormat.of().formatHex(node.generatePublicKey().getEncoded());

    EncryptedKey sent =
        activities(Optional.empty())
            .encryptKeyForNode(new SealedSecret(sealer.seal(pem)), nodePublic);

    assertFalse(sent.encryptedPem().contains(pem.lines().toList().get(1)), sent.encryptedPem());
    LegacyPem.Block block = LegacyPem.parse(sent.encryptedPem());
    assertEquals("RSA PRIVATE KEY", block.type());
    assertEquals("4,ENCRYPTED", block.headers().get("Proc-Type"));
    assertTrue(
        block.headers().get("DEK-Info").matches("AES-256-CBC,[0-9A-F]{32}"),
        block.headers().toString());
    byte[] shared =
        EdKeys.sharedSecret(node, HexFormat.of().parseHex(sent.provisionerEcdhPublic()));
    assertArrayEquals(der, LegacyPem.decrypt(block, shared));
  }

  @Test
  void eachDeliveryUsesAFreshProvisionerKey() {
    String nodePublic =
        HexFormat.of().formatHex(EdKeys.newX25519().generatePublicKey().getEncoded());
    SealedSecret key =
        new SealedSecret(
            sealer.seal("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    String first =
        activities(Optional.empty()).encryptKeyForNode(key, nodePublic).provisionerEcdhPublic();
    String second =
        activities(Optional.empty()).encryptKeyForNode(key, nodePublic).provisionerEcdhPublic();
    assertFalse(first.equals(second), first);
  }

  @Test
  void rejectsANodeEcdhKeyThatIsNotHex() {
    SealedSecret key =
        new SealedSecret(
            sealer.seal("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> activities(Optional.empty()).encryptKeyForNode(key, "zz"));
    assertTrue(failure.getOriginalMessage().contains("ecdh_public"), failure.getOriginalMessage());
    assertEquals(FailureTypes.KEY_EXCHANGE_UNAVAILABLE, failure.getType());
    assertTrue(failure.isNonRetryable(), failure.getOriginalMessage());
  }

  @Test
  void signsAServerJwtThatTheSigningKeyVerifiesWithTheGoClaims() throws Exception {
    Ed25519PrivateKeyParameters issuer = EdKeys.newEd25519();
    Path seed = dir.resolve("signer.seed");
    Files.writeString(seed, HexFormat.of().formatHex(issuer.getEncoded()) + "\n");
    ServerJwtSigner signer =
        ServerJwtSigner.fromSeedFile(seed, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
    String nodeKey = "ab".repeat(32);

    String jwt =
        activities(Optional.of(signer))
            .signServerJwt(
                new ServerJwtInput(
                    "n1.example.net",
                    nodeKey,
                    "{\"permissions\":{\"submission\":true},\"pub_subjects\":[\"x.>\"]}",
                    Map.of("collectives", "alpha, beta")));

    String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length, jwt);
    byte[] message = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(
        false, new Ed25519PublicKeyParameters(HexFormat.of().parseHex(signer.publicKeyHex())));
    verifier.update(message, 0, message.length);
    assertTrue(verifier.verifySignature(Base64.getUrlDecoder().decode(parts[2])), jwt);
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertEquals("EdDSA", header.path("alg").asText(), header.toString());
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("n1.example.net", claims.path("identity").asText(), claims.toString());
    assertEquals("[\"alpha\",\"beta\"]", claims.path("collectives").toString());
    assertEquals("choria", claims.path("ou").asText());
    assertEquals("Choria Provisioner", claims.path("iss").asText());
    assertEquals(nodeKey, claims.path("public_key").asText());
    assertTrue(claims.path("permissions").path("submission").asBoolean(), claims.toString());
    assertEquals("[\"x.>\"]", claims.path("pub_subjects").toString());
    assertEquals(
        NOW.plus(Duration.ofDays(30)).getEpochSecond(),
        claims.path("exp").asLong(),
        claims.toString());
  }
}
