package io.fleetwright.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of the {@code choria_provision} agent's actions (WIRE.md §4.3), one record per action,
 * written by the provisioner's activities and read by the emulated fleet. {@link #data()} is the
 * request body's {@code data}; each record's {@code from} reads it back with Go's decoding rules
 * ({@link RpcData}), in the order the emulated agent checks the fields. A missing string is empty,
 * as in Go. The request layer sorts the keys on the wire, so the order of {@link #data()} is only
 * what the provisioner has always handed to its RPC port: its inputs, then the token.
 */
public sealed interface ProvisionRequest {

  /** The agent these actions belong to. */
  String AGENT = "choria_provision";

  /**
   * The action's name, e.g. {@code configure}.
   *
   * @return the name
   */
  String action();

  /**
   * The provisioning token the node checks.
   *
   * @return the token, possibly empty
   */
  String token();

  /**
   * The body's {@code data}: every input the provisioner sends, keyed as on the wire.
   *
   * @return a new, ordered map
   */
  Map<String, Object> data();

  /**
   * {@code jwt}: returns the node's provisioning JWT and a fresh ECDH public key.
   *
   * @param token the provisioning token
   */
  record Jwt(String token) implements ProvisionRequest {
    /** Normalises a missing token. */
    public Jwt {
      token = orEmpty(token);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static Jwt from(Map<String, ?> data) {
      return new Jwt(RpcData.string(data, "token"));
    }

    @Override
    public String action() {
      return "jwt";
    }

    @Override
    public Map<String, Object> data() {
      return body("token", token);
    }
  }

  /**
   * {@code gen25519}: makes a new ed25519 key and signs the nonce with it.
   *
   * @param token the provisioning token
   * @param nonce the text to sign
   */
  record Gen25519(String token, String nonce) implements ProvisionRequest {
    /** Normalises missing inputs. */
    public Gen25519 {
      token = orEmpty(token);
      nonce = orEmpty(nonce);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static Gen25519 from(Map<String, ?> data) {
      return new Gen25519(RpcData.string(data, "token"), RpcData.string(data, "nonce"));
    }

    @Override
    public String action() {
      return "gen25519";
    }

    @Override
    public Map<String, Object> data() {
      return body("nonce", nonce, "token", token);
    }
  }

  /**
   * {@code gencsr}: makes a key and a CSR. The provisioner sends {@code cn} and {@code token} only,
   * as the Go provisioner does; the subject fields are sent only when not empty.
   *
   * @param token the provisioning token
   * @param cn the CSR's common name; empty means the node's certname
   * @param c the subject's country
   * @param l the subject's locality
   * @param o the subject's organisation
   * @param ou the subject's organisational unit
   * @param st the subject's state, accepted and not applied by the real agent
   */
  record Gencsr(String token, String cn, String c, String l, String o, String ou, String st)
      implements ProvisionRequest {
    /** Normalises missing inputs. */
    public Gencsr {
      token = orEmpty(token);
      cn = orEmpty(cn);
      c = orEmpty(c);
      l = orEmpty(l);
      o = orEmpty(o);
      ou = orEmpty(ou);
      st = orEmpty(st);
    }

    /**
     * A request for a CSR with only a common name.
     *
     * @param token the provisioning token
     * @param cn the common name
     * @return the request
     */
    public static Gencsr forName(String token, String cn) {
      return new Gencsr(token, cn, "", "", "", "", "");
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static Gencsr from(Map<String, ?> data) {
      return new Gencsr(
          RpcData.string(data, "token"),
          RpcData.string(data, "cn"),
          RpcData.string(data, "C"),
          RpcData.string(data, "L"),
          RpcData.string(data, "O"),
          RpcData.string(data, "OU"),
          RpcData.string(data, "ST"));
    }

    @Override
    public String action() {
      return "gencsr";
    }

    @Override
    public Map<String, Object> data() {
      Map<String, Object> data = body("cn", cn, "token", token);
      putIfSet(data, "C", c);
      putIfSet(data, "L", l);
      putIfSet(data, "O", o);
      putIfSet(data, "OU", ou);
      putIfSet(data, "ST", st);
      return data;
    }
  }

  /**
   * {@code configure}: writes the node's configuration, TLS files, server JWT and policies. Every
   * input is sent, empty or not, as the Go provisioner does.
   *
   * @param token the provisioning token
   * @param config the settings as a JSON object of strings, encoded as a string
   * @param key an encrypted private key (legacy PEM), or empty
   * @param certificate the node's certificate, PEM, or empty
   * @param ca the CA chain, PEM, or empty
   * @param ssldir where the TLS files go, or empty
   * @param ecdhPublic the provisioner's X25519 public key (hex) that decrypts {@code key}, or empty
   * @param serverJwt the node's server JWT, or empty
   * @param actionPolicies action policy file name to text, in the order given
   * @param opaPolicies OPA policy file name to text, in the order given
   */
  record Configure(
      String token,
      String config,
      String key,
      String certificate,
      String ca,
      String ssldir,
      String ecdhPublic,
      String serverJwt,
      Map<String, String> actionPolicies,
      Map<String, String> opaPolicies)
      implements ProvisionRequest {
    /** Normalises missing inputs and copies the policies, keeping their order. */
    public Configure {
      token = orEmpty(token);
      config = orEmpty(config);
      key = orEmpty(key);
      certificate = orEmpty(certificate);
      ca = orEmpty(ca);
      ssldir = orEmpty(ssldir);
      ecdhPublic = orEmpty(ecdhPublic);
      serverJwt = orEmpty(serverJwt);
      actionPolicies = ordered(actionPolicies);
      opaPolicies = ordered(opaPolicies);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static Configure from(Map<String, ?> data) {
      return new Configure(
          RpcData.string(data, "token"),
          RpcData.string(data, "config"),
          RpcData.string(data, "key"),
          RpcData.string(data, "certificate"),
          RpcData.string(data, "ca"),
          RpcData.string(data, "ssldir"),
          RpcData.string(data, "ecdh_public"),
          RpcData.string(data, "server_jwt"),
          RpcData.stringMap(data, "action_policies"),
          RpcData.stringMap(data, "opa_policies"));
    }

    @Override
    public String action() {
      return "configure";
    }

    @Override
    public Map<String, Object> data() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("config", config);
      data.put("certificate", certificate);
      data.put("ca", ca);
      data.put("ssldir", ssldir);
      data.put("key", key);
      data.put("ecdh_public", ecdhPublic);
      data.put("server_jwt", serverJwt);
      data.put("action_policies", actionPolicies);
      data.put("opa_policies", opaPolicies);
      data.put("token", token);
      return data;
    }
  }

  /**
   * {@code restart}: restarts the node into its new configuration after a random splay.
   *
   * @param token the provisioning token
   * @param splay the splay in seconds; 0 means the agent's default of 10
   */
  record Restart(String token, int splay) implements ProvisionRequest {
    /** Normalises a missing token. */
    public Restart {
      token = orEmpty(token);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type (a float splay, say)
     */
    public static Restart from(Map<String, ?> data) {
      return new Restart(RpcData.string(data, "token"), RpcData.integer(data, "splay"));
    }

    @Override
    public String action() {
      return "restart";
    }

    @Override
    public Map<String, Object> data() {
      return body("splay", splay, "token", token);
    }
  }

  /**
   * {@code reprovision}: puts a provisioned node back into provisioning mode.
   *
   * @param token the provisioning token
   */
  record Reprovision(String token) implements ProvisionRequest {
    /** Normalises a missing token. */
    public Reprovision {
      token = orEmpty(token);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static Reprovision from(Map<String, ?> data) {
      return new Reprovision(RpcData.string(data, "token"));
    }

    @Override
    public String action() {
      return "reprovision";
    }

    @Override
    public Map<String, Object> data() {
      return body("token", token);
    }
  }

  /**
   * {@code shutdown}: stops the node's server.
   *
   * @param token the provisioning token
   */
  record Shutdown(String token) implements ProvisionRequest {
    /** Normalises a missing token. */
    public Shutdown {
      token = orEmpty(token);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static Shutdown from(Map<String, ?> data) {
      return new Shutdown(RpcData.string(data, "token"));
    }

    @Override
    public String action() {
      return "shutdown";
    }

    @Override
    public Map<String, Object> data() {
      return body("token", token);
    }
  }

  /**
   * {@code release_update}: installs another server version from a go-updater repository.
   *
   * @param token the provisioning token
   * @param repository the repository URL
   * @param version the version to install
   */
  record ReleaseUpdate(String token, String repository, String version)
      implements ProvisionRequest {
    /** Normalises missing inputs. */
    public ReleaseUpdate {
      token = orEmpty(token);
      repository = orEmpty(repository);
      version = orEmpty(version);
    }

    /**
     * Reads the inputs.
     *
     * @param data the request's data
     * @return the inputs
     * @throws InvalidDataException when an input has the wrong type
     */
    public static ReleaseUpdate from(Map<String, ?> data) {
      return new ReleaseUpdate(
          RpcData.string(data, "token"),
          RpcData.string(data, "repository"),
          RpcData.string(data, "version"));
    }

    @Override
    public String action() {
      return "release_update";
    }

    @Override
    public Map<String, Object> data() {
      return body("repository", repository, "token", token, "version", version);
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], Objects.requireNonNull(keysAndValues[i + 1]));
    }
    return data;
  }

  private static void putIfSet(Map<String, Object> data, String key, String value) {
    if (!value.isEmpty()) {
      data.put(key, value);
    }
  }
}
