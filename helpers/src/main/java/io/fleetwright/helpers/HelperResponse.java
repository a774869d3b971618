package io.fleetwright.helpers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The validated output of a helper: the Go provisioner's {@code ConfigResponse} plus our two
 * extensions {@code sign_csr} and {@code approval}. Absent strings are {@code ""} and absent maps
 * are empty, as Go's zero values are. Runners only return responses that passed validation (see
 * {@link HelperRunner}).
 *
 * <p>{@code toString()} never prints {@code key} (a private key).
 *
 * @param defer give up this round and retry at a later discovery
 * @param msg a human-readable reason, logged
 * @param certificate a PEM certificate for the node (pki)
 * @param ca the PEM CA chain for the node (pki)
 * @param ssldir the node's SSL directory
 * @param key an optional PEM private key for the node, sent ECDH-encrypted
 * @param configuration settings written into the node's config; string values only
 * @param actionPolicies action policy file name to policy text
 * @param opaPolicies OPA policy file name to policy text
 * @param serverClaims claims for the node's server JWT (ed25519 feature)
 * @param upgrade a target Choria version (upgrades feature)
 * @param shutdown shut the node down instead of configuring it
 * @param signCsr our extension: have the provisioner's built-in CA sign the node's CSR
 * @param approval our extension: configure only once an operator approves; {@code null} when the
 *     reply does not ask for approval
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "defer",
  "msg",
  "certificate",
  "ca",
  "ssldir",
  "key",
  "configuration",
  "action_policies",
  "opa_policies",
  "server_claims",
  "upgrade",
  "shutdown",
  "sign_csr",
  "approval"
})
public record HelperResponse(
    @JsonProperty("defer") boolean defer,
    @JsonProperty("msg") String msg,
    @JsonProperty("certificate") String certificate,
    @JsonProperty("ca") String ca,
    @JsonProperty("ssldir") String ssldir,
    @JsonProperty("key") String key,
    @JsonProperty("configuration") Map<String, String> configuration,
    @JsonProperty("action_policies") Map<String, String> actionPolicies,
    @JsonProperty("opa_policies") Map<String, String> opaPolicies,
    @JsonProperty("server_claims") Map<String, @Nullable Object> serverClaims,
    @JsonProperty("upgrade") String upgrade,
    @JsonProperty("shutdown") boolean shutdown,
    @JsonProperty("sign_csr") boolean signCsr,
    @JsonProperty("approval") @Nullable Approval approval) {

  /** The configuration key that must be {@code "false"} in every provisioning reply. */
  public static final String PROVISION_KEY = "plugin.choria.server.provision";

  /** Replaces absent values by Go's zero values and makes the maps unmodifiable copies. */
  @JsonCreator
  public HelperResponse {
    msg = orEmpty(msg);
    certificate = orEmpty(certificate);
    ca = orEmpty(ca);
    ssldir = orEmpty(ssldir);
    key = orEmpty(key);
    upgrade = orEmpty(upgrade);
    configuration = copy(configuration);
    actionPolicies = copy(actionPolicies);
    opaPolicies = copy(opaPolicies);
    serverClaims = copy(serverClaims);
  }

  /** A reply without {@code approval}, as every reply before that extension. */
  public HelperResponse(
      boolean defer,
      String msg,
      String certificate,
      String ca,
      String ssldir,
      String key,
      Map<String, String> configuration,
      Map<String, String> actionPolicies,
      Map<String, String> opaPolicies,
      Map<String, @Nullable Object> serverClaims,
      String upgrade,
      boolean shutdown,
      boolean signCsr) {
    this(
        defer,
        msg,
        certificate,
        ca,
        ssldir,
        key,
        configuration,
        actionPolicies,
        opaPolicies,
        serverClaims,
        upgrade,
        shutdown,
        signCsr,
        null);
  }

  /**
   * Our extension {@code "approval": {"reason": "..."}}: hold the node in {@code AWAITING_APPROVAL}
   * until an operator approves (then it is configured with this same reply) or rejects it.
   *
   * @param reason why the helper wants a human to look, shown to the operator; never blank
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Approval(@JsonProperty("reason") String reason) {
    /** Requires a reason. */
    public Approval {
      java.util.Objects.requireNonNull(reason, "reason");
    }
  }

  @Override
  public String toString() {
    return "HelperResponse[defer="
        + defer
        + ", shutdown="
        + shutdown
        + ", msg="
        + msg
        + ", sign_csr="
        + signCsr
        + ", certificate="
        + (certificate.isEmpty() ? "none" : "present")
        + ", ca="
        + (ca.isEmpty() ? "none" : "present")
        + ", ssldir="
        + ssldir
        + ", key="
        + (key.isEmpty() ? "none" : "(redacted)")
        + ", configuration="
        + configuration
        + ", action_policies="
        + actionPolicies.keySet()
        + ", opa_policies="
        + opaPolicies.keySet()
        + ", server_claims="
        + serverClaims.keySet()
        + ", upgrade="
        + upgrade
        + (approval == null ? "" : ", approval=" + approval.reason())
        + "]";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
