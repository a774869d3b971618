package io.fleetwright.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.jspecify.annotations.Nullable;

/**
 * Issues a node's server JWT (feature {@code ed25519}, WIRE.md §5.9): EdDSA-signed with the seed in
 * {@code jwt_signing_key}, claims as the Go provisioner sets them.
 */
public final class ServerJwtSigner {
  static final String ISSUER = "Choria Provisioner";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MIN_HELPER_EXP = Duration.ofHours(1);

  private final Ed25519PrivateKeyParameters key;
  private final Duration validity;
  private final Clock clock;

  private ServerJwtSigner(byte[] seed, Duration validity, Clock clock) {
    this.key = new Ed25519PrivateKeyParameters(seed, 0);
    this.validity = validity;
    this.clock = clock;
  }

  /**
   * Reads the signing seed as {@code choria jwt keys} writes it: 64 hex characters.
   *
   * @param seedFile the {@code jwt_signing_key} file
   * @param validity how long issued JWTs are valid ({@code server_jwt_validity})
   * @param clock the issuing clock
   * @return the signer
   * @throws IllegalArgumentException naming the file when it is not a hex ed25519 seed
   */
  public static ServerJwtSigner fromSeedFile(Path seedFile, Duration validity, Clock clock) {
    String text;
    try {
      text = Files.readString(seedFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "jwt_signing_key: cannot read " + seedFile + " (" + e.getMessage() + ")", e);
    }
    if (!text.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "jwt_signing_key: "
              + seedFile
              + " must hold a 32-byte ed25519 seed as 64 hex characters (as 'choria jwt keys'"
              + " writes it)");
    }
    return new ServerJwtSigner(HexFormat.of().parseHex(text), validity, clock);
  }

  /**
   * @return the hex ed25519 public key that verifies the JWTs this signer issues
   */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(key.generatePublicKey().getEncoded());
  }

  /**
   * Signs a node's server JWT.
   *
   * @param identity the node
   * @param ed25519PublicKey the node's verified ed25519 public key, hex
   * @param serverClaimsJson the helper's {@code server_claims} object as JSON, or null
   * @param configuration the helper's configuration, from which {@code collectives} and {@code
   *     plugin.security.provider} pick the default collectives
   * @return the compact JWS
   * @throws CredentialException {@link CredentialException.Reason#CLAIMS_INVALID} when {@code
   *     serverClaimsJson} is not a JSON object
   */
  public String sign(
      String identity,
      String ed25519PublicKey,
      @Nullable String serverClaimsJson,
      Map<String, String> configuration) {
    JsonNode helperClaims = helperClaims(identity, serverClaimsJson);
    long now = clock.instant().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("purpose", "choria_server");
    claims.put("identity", identity);
    claims.set("collectives", collectives(helperClaims, configuration));
    claims.put("public_key", ed25519PublicKey);
    claims.put("ou", text(helperClaims, "ou", "choria"));
    if (helperClaims.hasNonNull("permissions")) {
      claims.set("permissions", helperClaims.get("permissions"));
    }
    if (helperClaims.hasNonNull("pub_subjects")) {
      claims.set("pub_subjects", helperClaims.get("pub_subjects"));
    }
    claims.put("iss", ISSUER);
    claims.put("sub", identity);
    claims.put("exp", expiry(helperClaims, now));
    claims.put("nbf", now);
    claims.put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    String signingInput =
        base64("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + base64(claims.toString().getBytes(StandardCharsets.UTF_8));
    byte[] message = signingInput.getBytes(StandardCharsets.US_ASCII);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signingInput + "." + base64(signer.generateSignature());
  }

  private long expiry(JsonNode helperClaims, long now) {
    long helperExp = helperClaims.path("exp").asLong(0);
    return helperExp > now + MIN_HELPER_EXP.toSeconds() ? helperExp : now + validity.toSeconds();
  }

  private static ArrayNode collectives(JsonNode helperClaims, Map<String, String> configuration) {
    List<String> names = new ArrayList<>();
    helperClaims.path("collectives").forEach(c -> names.add(c.asText()));
    if (names.isEmpty()) {
      for (String c : configuration.getOrDefault("collectives", "").split(",")) {
        if (!c.isBlank()) {
          names.add(c.strip());
        }
      }
    }
    if (names.isEmpty()) {
      names.add(
          "choria".equals(configuration.get("plugin.security.provider"))
              ? "choria"
              : "mcollective");
    }
    ArrayNode out = JSON.createArrayNode();
    names.forEach(out::add);
    return out;
  }

  private static JsonNode helperClaims(String identity, @Nullable String serverClaimsJson) {
    if (serverClaimsJson == null || serverClaimsJson.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(serverClaimsJson);
      if (!node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new CredentialException(
          CredentialException.Reason.CLAIMS_INVALID,
          "the helper's server_claims for "
              + identity
              + " are not a JSON object ("
              + e.getMessage()
              + "); return server_claims as {\"collectives\": [...], ...}");
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    String value = node.path(field).asText("");
    return value.isBlank() ? fallback : value;
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
