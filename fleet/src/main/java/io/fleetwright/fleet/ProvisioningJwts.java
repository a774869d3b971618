package io.fleetwright.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.fleet.internal.EdKeys;
import io.fleetwright.fleet.internal.Ksuid;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Built-in {@link ProvisioningJwtSource}s. Both produce the claims of {@code choria jwt prov
 * --default} (§5.4 of WIRE.md): {@code cht, chs=false, chu, chpd=true, extensions, purpose, ou,
 * iss, sub, exp (+1 year), nbf, iat, jti}, plus {@code update=true} when the fleet is upgradable
 * ({@code choria jwt prov --upgrade}).
 */
public final class ProvisioningJwts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private ProvisioningJwts() {}

  /** A well-formed JWT with {@code "alg":"none"} and an empty signature. */
  public static ProvisioningJwtSource unsigned() {
    return context -> {
      String input = segment(Map.of("alg", "none", "typ", "JWT")) + "." + segment(claims(context));
      return input + ".";
    };
  }

  /**
   * A JWT signed with EdDSA (ed25519) by the key with this 32-byte seed, which a Go provisioner
   * accepts with {@code jwt_verify_cert} set to the hex public key.
   *
   * @param seed the 32-byte ed25519 seed
   */
  public static ProvisioningJwtSource ed25519(byte[] seed) {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new FleetException(
          "jwt signing seed: an ed25519 seed has 32 bytes, got "
              + seed.length
              + "; use the 64 hex characters of a 'choria jwt keys' seed file");
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed.clone(), 0);
    return context -> {
      String input = segment(Map.of("alg", "EdDSA", "typ", "JWT")) + "." + segment(claims(context));
      byte[] signature = EdKeys.sign(key, input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + URL.encodeToString(signature);
    };
  }

  /** Returns the provisioning claims for a node, in the order the Go tokens package writes them. */
  public static Map<String, Object> claims(ProvisioningJwtSource.Context context) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("cht", context.token().orElse(""));
    claims.put("chs", false);
    if (!context.brokerUrls().isEmpty()) {
      claims.put("chu", String.join(",", context.brokerUrls()));
    }
    claims.put("chpd", true);
    claims.put("extensions", null);
    claims.put("ou", "choria");
    if (context.allowUpdate()) {
      claims.put("update", true);
    }
    claims.put("purpose", "choria_provisioning");
    claims.put("iss", "Choria Tokens Package");
    claims.put("sub", "choria_provisioning");
    long now = context.now().getEpochSecond();
    claims.put("exp", context.now().plus(365, ChronoUnit.DAYS).getEpochSecond());
    claims.put("nbf", now);
    claims.put("iat", now);
    claims.put("jti", Ksuid.next(context.now()));
    return claims;
  }

  private static String segment(Map<String, Object> object) {
    try {
      return URL.encodeToString(JSON.writeValueAsBytes(object));
    } catch (JsonProcessingException e) {
      throw new FleetException("Could not encode JWT claims: " + e.getMessage(), e);
    }
  }
}
