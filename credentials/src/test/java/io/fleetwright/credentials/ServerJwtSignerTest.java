package io.fleetwright.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerJwtSignerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void helperCollectivesAndALaterExpiryWin() throws Exception {
    Path seed = dir.resolve("signer.seed");
    Files.writeString(seed, "11".repeat(32));
    ServerJwtSigner signer =
        ServerJwtSigner.fromSeedFile(seed, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
    long later = NOW.plus(Duration.ofDays(400)).getEpochSecond();
    long tooSoon = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();

    JsonNode explicit =
        claims(
            signer.sign(
                "n1",
                "ab".repeat(32),
                "{\"collectives\":[\"c1\"],\"ou\":\"ops\",\"exp\":" + later + "}",
                Map.of("collectives", "ignored")));
    JsonNode fallback =
        claims(signer.sign("n1", "ab".repeat(32), "{\"exp\":" + tooSoon + "}", Map.of()));

    assertEquals("[\"c1\"]", explicit.path("collectives").toString());
    assertEquals("ops", explicit.path("ou").asText());
    assertEquals(later, explicit.path("exp").asLong());
    assertEquals("[\"mcollective\"]", fallback.path("collectives").toString());
    assertEquals(NOW.plus(Duration.ofDays(30)).getEpochSecond(), fallback.path("exp").asLong());
  }

  @Test
  void aSeedFileThatIsNotHexIsRejectedByName() throws Exception {
    Path seed = dir.resolve("bad.seed");
    Files.writeString(seed, "not a seed");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerJwtSigner.fromSeedFile(seed, Duration.ofDays(1), Clock.systemUTC()));
    assertTrue(e.getMessage().contains(seed.toString()), e.getMessage());
  }

  @Test
  void serverClaimsThatAreNotAnObjectAreRefusedByName() throws Exception {
    Path seed = dir.resolve("signer.seed");
    Files.writeString(seed, "11".repeat(32));
    ServerJwtSigner signer =
        ServerJwtSigner.fromSeedFile(seed, Duration.ofDays(1), Clock.systemUTC());

    CredentialException e =
        assertThrows(
            CredentialException.class, () -> signer.sign("n1", "ab".repeat(32), "[1]", Map.of()));

    assertEquals(CredentialException.Reason.CLAIMS_INVALID, e.reason());
    assertTrue(e.getMessage().contains("server_claims for n1"), e.getMessage());
  }

  private static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }
}
