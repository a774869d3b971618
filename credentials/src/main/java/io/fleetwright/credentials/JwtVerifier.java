package io.fleetwright.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Verifies a node's provisioning JWT with {@code jwt_verify_cert}, as the Go provisioner does: the
 * key is an RSA public key or certificate in PEM (RS256/384/512), or an ed25519 public key in hex
 * (EdDSA), in a file or given literally. Returns the claims with secret claims removed.
 */
public final class JwtVerifier {
  /** Claims that carry secrets and never reach the helper or workflow history. */
  public static final Set<String> SECRET_CLAIMS = Set.of("cht", "chpwd");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LEEWAY_SECONDS = 60;

  private final PublicKey rsaKey;
  private final byte[] ed25519Key;
  private final Clock clock;

  private JwtVerifier(PublicKey rsaKey, byte[] ed25519Key, Clock clock) {
    this.rsaKey = rsaKey;
    this.ed25519Key = ed25519Key;
    this.clock = clock;
  }

  /**
   * Reads {@code jwt_verify_cert}.
   *
   * @param jwtVerifyCert a file, or the key itself: RSA public key or certificate in PEM, or a hex
   *     ed25519 public key
   * @param clock the time expiry is checked against
   * @return the verifier
   * @throws IllegalArgumentException naming the accepted forms when the key cannot be read
   */
  public static JwtVerifier fromConfig(String jwtVerifyCert, Clock clock) {
    String text = jwtVerifyCert.trim();
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      try {
        text = Files.readString(file).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "jwt_verify_cert: cannot read " + file + ": " + e.getMessage());
      }
    }
    if (text.matches("[0-9a-fA-F]{64}")) {
      return new JwtVerifier(null, HexFormat.of().parseHex(text), clock);
    }
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof SubjectPublicKeyInfo info) {
        return new JwtVerifier(converter.getPublicKey(info), null, clock);
      }
      if (object instanceof X509CertificateHolder cert) {
        return new JwtVerifier(converter.getPublicKey(cert.getSubjectPublicKeyInfo()), null, clock);
      }
    } catch (IOException e) {
      // Reported below with the accepted forms.
    }
    throw new IllegalArgumentException(
        "jwt_verify_cert must be a file or value holding an RSA public key or certificate in PEM, or"
            + " a 64-character hex ed25519 public key (e.g. the .public file of 'choria jwt keys')");
  }

  /**
   * Verifies a node's provisioning JWT.
   *
   * @param identity the node, for messages
   * @param jwt the compact JWT
   * @return the claims as a JSON object text, without {@link #SECRET_CLAIMS}
   * @throws CredentialException {@link CredentialException.Reason#JWT_INVALID} naming what failed
   */
  public String verify(String identity, String jwt) {
    String[] parts = jwt.trim().split("\\.");
    if (parts.length != 3) {
      throw invalid(
          identity,
          "it is not a compact JWT (expected 3 dot-separated parts, found " + parts.length + ")");
    }
    JsonNode header = decode(identity, parts[0], "header");
    JsonNode claims = decode(identity, parts[1], "claims");
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = base64Url(identity, parts[2], "signature");
    String alg = header.path("alg").asText("");
    if (!checkSignature(alg, signed, signature)) {
      throw invalid(identity, "its " + alg + " signature does not verify with jwt_verify_cert");
    }
    checkTimes(identity, claims);
    String purpose = claims.path("purpose").asText("choria_provisioning");
    if (!purpose.equals("choria_provisioning")) {
      throw invalid(identity, "its purpose is '" + purpose + "', not choria_provisioning");
    }
    ObjectNode visible = ((ObjectNode) claims).deepCopy();
    SECRET_CLAIMS.forEach(visible::remove);
    return visible.toString();
  }

  private boolean checkSignature(String alg, byte[] signed, byte[] signature) {
    try {
      if (alg.equals("EdDSA") && ed25519Key != null) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(false, new Ed25519PublicKeyParameters(ed25519Key, 0));
        signer.update(signed, 0, signed.length);
        return signer.verifySignature(signature);
      }
      String jca =
          switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            default -> null;
          };
      if (jca == null || rsaKey == null) {
        return false;
      }
      Signature verifier = Signature.getInstance(jca);
      verifier.initVerify(rsaKey);
      verifier.update(signed);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private void checkTimes(String identity, JsonNode claims) {
    long now = clock.instant().getEpochSecond();
    if (claims.has("exp") && claims.get("exp").asLong() + LEEWAY_SECONDS < now) {
      throw invalid(
          identity,
          "it expired at "
              + claims.get("exp").asLong()
              + " (now "
              + now
              + "); issue the node a new provisioning JWT");
    }
    if (claims.has("nbf") && claims.get("nbf").asLong() - LEEWAY_SECONDS > now) {
      throw invalid(
          identity,
          "it is not valid before "
              + claims.get("nbf").asLong()
              + " (now "
              + now
              + "); check the clocks");
    }
  }

  private static JsonNode decode(String identity, String part, String what) {
    try {
      JsonNode node = JSON.readTree(base64Url(identity, part, what));
      if (node == null || !node.isObject()) {
        throw invalid(identity, "its " + what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw invalid(identity, "its " + what + " is not JSON");
    }
  }

  private static byte[] base64Url(String identity, String part, String what) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw invalid(identity, "its " + what + " is not base64url");
    }
  }

  private static CredentialException invalid(String identity, String why) {
    return new CredentialException(
        CredentialException.Reason.JWT_INVALID,
        "provisioning JWT of " + identity + " rejected: " + why);
  }
}
