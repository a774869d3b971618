package io.fleetwright.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outputs of the {@code choria_provision} agent's actions (WIRE.md §4.3), written by the
 * emulated fleet and read by the provisioner's activities. {@link #data()} is the reply body's
 * {@code data} in the real agent's field order (the order is part of the wire bytes); each record's
 * {@code from} reads it as the provisioner does ({@link RpcData#required}, {@link
 * RpcData#optional}).
 */
public sealed interface ProvisionReply {

  /**
   * The reply body's {@code data}.
   *
   * @return a new map in the real agent's field order
   */
  Map<String, Object> data();

  /**
   * Of {@code jwt}.
   *
   * @param jwt the node's provisioning JWT
   * @param ecdhPublic the node's fresh X25519 public key, hex
   */
  record Jwt(String jwt, String ecdhPublic) implements ProvisionReply {
    /** Rejects missing outputs. */
    public Jwt {
      Objects.requireNonNull(jwt, "jwt");
      Objects.requireNonNull(ecdhPublic, "ecdhPublic");
    }

    /**
     * Reads the outputs; both are required.
     *
     * @param data the reply's data
     * @return the outputs
     * @throws InvalidDataException naming the first output that is missing or empty
     */
    public static Jwt from(Map<String, ?> data) {
      return new Jwt(RpcData.required(data, "jwt"), RpcData.required(data, "ecdh_public"));
    }

    @Override
    public Map<String, Object> data() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("jwt", jwt);
      data.put("ecdh_public", ecdhPublic);
      return data;
    }
  }

  /**
   * Of {@code gen25519}.
   *
   * @param publicKey the node's new ed25519 public key, hex
   * @param directory the node's configuration directory
   * @param signature the signature over the nonce, hex
   */
  record Gen25519(String publicKey, String directory, String signature) implements ProvisionReply {
    /** Rejects missing outputs. */
    public Gen25519 {
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(signature, "signature");
    }

    /**
     * Reads the outputs; all three are required.
     *
     * @param data the reply's data
     * @return the outputs
     * @throws InvalidDataException naming the first output that is missing or empty
     */
    public static Gen25519 from(Map<String, ?> data) {
      return new Gen25519(
          RpcData.required(data, "public_key"),
          RpcData.required(data, "directory"),
          RpcData.required(data, "signature"));
    }

    @Override
    public Map<String, Object> data() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("public_key", publicKey);
      data.put("directory", directory);
      data.put("signature", signature);
      return data;
    }
  }

  /**
   * Of {@code gencsr}.
   *
   * @param csr the CSR, PEM
   * @param publicKey the key's public part, PEM
   * @param ssldir where the node keeps its TLS files
   */
  record Gencsr(String csr, String publicKey, String ssldir) implements ProvisionReply {
    /** Rejects missing outputs. */
    public Gencsr {
      Objects.requireNonNull(csr, "csr");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(ssldir, "ssldir");
    }

    /**
     * Reads the outputs; only {@code csr} is required.
     *
     * @param data the reply's data
     * @return the outputs
     * @throws InvalidDataException when {@code csr} is missing or empty
     */
    public static Gencsr from(Map<String, ?> data) {
      return new Gencsr(
          RpcData.required(data, "csr"),
          RpcData.optional(data, "public_key"),
          RpcData.optional(data, "ssldir"));
    }

    @Override
    public Map<String, Object> data() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("csr", csr);
      data.put("public_key", publicKey);
      data.put("ssldir", ssldir);
      return data;
    }
  }

  /**
   * Of {@code configure}, {@code restart}, {@code reprovision}, {@code shutdown} and {@code
   * release_update}: what the node did, in words.
   *
   * @param message e.g. {@code Restarting Choria Server after 2s}
   */
  record Message(String message) implements ProvisionReply {
    /** Rejects a missing message. */
    public Message {
      Objects.requireNonNull(message, "message");
    }

    /**
     * Reads the output; empty when absent.
     *
     * @param data the reply's data
     * @return the output
     */
    public static Message from(Map<String, ?> data) {
      return new Message(RpcData.optional(data, "message"));
    }

    @Override
    public Map<String, Object> data() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("message", message);
      return data;
    }
  }
}
