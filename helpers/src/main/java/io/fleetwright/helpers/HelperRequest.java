package io.fleetwright.helpers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The input of a helper: the Go provisioner's Host JSON, exactly these five keys.
 *
 * <pre>{@code
 * {"identity":"node1.example.net","csr":null,"ed25519_pubkey":null,
 *  "inventory":"{\"facts\":{\"country\":\"de\"},...}","jwt":null}
 * }</pre>
 *
 * <p>The components that the Go provisioner sends as {@code null} when a feature is off ({@code
 * csr}, {@code ed25519_pubkey}, {@code jwt}) are nullable here too, because they are part of the
 * wire format helpers read. {@code toString()} never prints the JWT claims (they carry the
 * provisioning token).
 *
 * @param identity the node's identity, usually its FQDN; not blank
 * @param csr the node's CSR when the {@code pki} feature is on, else null
 * @param ed25519PubKey the node's ed25519 key when the {@code ed25519} feature is on, else null
 * @param inventory the {@code rpcutil#inventory} reply as a JSON <em>string</em> (helpers decode it
 *     a second time); not null
 * @param jwt the verified provisioning JWT claims when the {@code jwt} feature is on, else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"identity", "csr", "ed25519_pubkey", "inventory", "jwt"})
public record HelperRequest(
    @JsonProperty("identity") String identity,
    @JsonProperty("csr") @Nullable Csr csr,
    @JsonProperty("ed25519_pubkey") @Nullable Ed25519PubKey ed25519PubKey,
    @JsonProperty("inventory") String inventory,
    @JsonProperty("jwt") @Nullable Map<String, @Nullable Object> jwt) {

  /** Validates and copies the components. */
  public HelperRequest {
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("HelperRequest.identity must not be blank");
    }
    Objects.requireNonNull(inventory, "HelperRequest.inventory (a JSON string, e.g. \"{}\")");
    if (jwt != null) {
      jwt = Collections.unmodifiableMap(new LinkedHashMap<>(jwt));
    }
  }

  /**
   * A request with only an identity and an inventory, as the Go provisioner sends it with every
   * feature off.
   *
   * @param identity the node identity
   * @param inventoryJson the inventory reply as JSON text
   * @return the request
   */
  public static HelperRequest of(String identity, String inventoryJson) {
    return new HelperRequest(identity, null, null, inventoryJson, null);
  }

  @Override
  public String toString() {
    return "HelperRequest[identity="
        + identity
        + ", csr="
        + (csr != null)
        + ", ed25519_pubkey="
        + (ed25519PubKey != null)
        + ", inventory="
        + inventory.length()
        + " chars, jwt="
        + (jwt == null ? "null" : "(" + jwt.size() + " claims, not shown)")
        + "]";
  }

  /**
   * The {@code csr} object of the input (pki feature).
   *
   * @param csr the PEM certificate signing request
   * @param publicKey the PEM public key of the node
   * @param ssldir the node's SSL directory
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"csr", "public_key", "ssldir"})
  public record Csr(
      @JsonProperty("csr") String csr,
      @JsonProperty("public_key") String publicKey,
      @JsonProperty("ssldir") String ssldir) {

    /** Rejects null components; the Go provisioner always sends all three strings. */
    public Csr {
      Objects.requireNonNull(csr, "csr.csr");
      Objects.requireNonNull(publicKey, "csr.public_key");
      Objects.requireNonNull(ssldir, "csr.ssldir");
    }
  }

  /**
   * The {@code ed25519_pubkey} object of the input (ed25519 feature).
   *
   * @param publicKey the node's ed25519 public key, hex
   * @param directory the node's configuration directory
   * @param signature the hex signature over the provisioner's nonce
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"public_key", "directory", "signature"})
  public record Ed25519PubKey(
      @JsonProperty("public_key") String publicKey,
      @JsonProperty("directory") String directory,
      @JsonProperty("signature") String signature) {

    /** Rejects null components; the Go provisioner always sends all three strings. */
    public Ed25519PubKey {
      Objects.requireNonNull(publicKey, "ed25519_pubkey.public_key");
      Objects.requireNonNull(directory, "ed25519_pubkey.directory");
      Objects.requireNonNull(signature, "ed25519_pubkey.signature");
    }
  }
}
