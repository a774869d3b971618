package io.fleetwright.helpers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fleetwright.api.CsrResult;
import io.fleetwright.api.Ed25519Result;
import io.fleetwright.api.HelperInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link HelperInput} as the helper reads it: the Go provisioner's Host JSON, exactly
 * these five keys in this order.
 *
 * <pre>{@code
 * {"identity":"node1.example.net","csr":null,"ed25519_pubkey":null,
 *  "inventory":"{\"facts\":{\"country\":\"de\"},...}","jwt":null}
 * }</pre>
 *
 * <p>{@code csr}, {@code ed25519_pubkey} and {@code jwt} are {@code null} when their feature is
 * off; {@code inventory} stays a JSON <em>string</em>; {@code jwt} is the claims object.
 */
public final class HostJson {
  private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS =
      new TypeReference<>() {};

  private HostJson() {}

  /**
   * The Host JSON of one node.
   *
   * @param input the node's data
   * @return the JSON, UTF-8
   * @throws IllegalArgumentException when {@code input.jwtClaims()} is not a JSON object
   */
  public static byte[] write(HelperInput input) {
    Map<String, Object> claims = claims(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + input.inventory().length());
    try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("identity", input.identity());
      json.writeFieldName("csr");
      csr(json, input.csr());
      json.writeFieldName("ed25519_pubkey");
      ed25519(json, input.ed25519Pubkey());
      json.writeStringField("inventory", input.inventory());
      json.writeFieldName("jwt");
      if (claims == null) {
        json.writeNull();
      } else {
        json.writeObject(claims);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Host JSON of " + input.identity(), e);
    }
    return out.toByteArray();
  }

  /**
   * The Host JSON of one node as text.
   *
   * @param input the node's data
   * @return the JSON
   * @throws IllegalArgumentException when {@code input.jwtClaims()} is not a JSON object
   */
  public static String writeString(HelperInput input) {
    return new String(write(input), StandardCharsets.UTF_8);
  }

  private static void csr(JsonGenerator json, CsrResult csr) throws IOException {
    if (csr == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField("csr", csr.csrPem());
    json.writeStringField("public_key", csr.publicKeyPem());
    json.writeStringField("ssldir", csr.sslDir());
    json.writeEndObject();
  }

  private static void ed25519(JsonGenerator json, Ed25519Result key) throws IOException {
    if (key == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField("public_key", key.publicKey());
    json.writeStringField("directory", key.directory());
    json.writeStringField("signature", key.signature());
    json.writeEndObject();
  }

  private static Map<String, Object> claims(HelperInput input) {
    if (input.jwtClaims() == null) {
      return null;
    }
    try {
      Map<String, Object> claims = Json.MAPPER.readValue(input.jwtClaims(), CLAIMS);
      if (claims == null) {
        throw new IllegalArgumentException("null");
      }
      return claims;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the verified JWT claims of " + input.identity() + " are not a JSON object", e);
    }
  }
}
