package io.fleetwright.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the helper decided, from its ConfigResponse: {@code shutdown: true} → {@link Shutdown}, else
 * {@code defer: true} → {@link Defer}, else {@code approval} (our extension) → {@link Approval},
 * else {@link Configure}. Output that is not valid JSON, has a non-string configuration value, or
 * lacks {@code "plugin.choria.server.provision":"false"} is not a decision: {@code runHelper} fails
 * with {@link FailureTypes#HELPER_OUTPUT_INVALID}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HelperDecision.Configure.class, name = "configure"),
  @JsonSubTypes.Type(value = HelperDecision.Defer.class, name = "defer"),
  @JsonSubTypes.Type(value = HelperDecision.Shutdown.class, name = "shutdown"),
  @JsonSubTypes.Type(value = HelperDecision.Approval.class, name = "approval")
})
public sealed interface HelperDecision {
  /** Returns the helper's {@code msg}, possibly empty. */
  String msg();

  /**
   * Configure the node and restart it.
   *
   * @param configuration settings to write, string to string (helper {@code configuration})
   * @param certificate PEM certificate the helper issued, or {@code null}
   * @param ca PEM CA chain, or {@code null}
   * @param sslDir helper {@code ssldir}, or {@code null} (the CSR's ssldir wins when pki is on)
   * @param key helper {@code key}, a PEM private key, sealed by {@code runHelper}; or {@code null}
   * @param actionPolicies helper {@code action_policies}
   * @param opaPolicies helper {@code opa_policies}
   * @param serverClaimsJson helper {@code server_claims} as JSON text, or {@code null}
   * @param upgrade helper {@code upgrade} (target version), or {@code null}
   * @param msg helper {@code msg}
   * @param signCsr the helper asks the built-in CA to sign the node's CSR (helper output key {@code
   *     sign_csr}); ignored when it returned a certificate itself
   */
  record Configure(
      Map<String, String> configuration,
      @Nullable String certificate,
      @Nullable String ca,
      @Nullable String sslDir,
      @Nullable SealedSecret key,
      Map<String, String> actionPolicies,
      Map<String, String> opaPolicies,
      @Nullable String serverClaimsJson,
      @Nullable String upgrade,
      String msg,
      boolean signCsr)
      implements HelperDecision {
    /** Validates and copies. */
    public Configure {
      Objects.requireNonNull(configuration, "configuration");
      configuration = Map.copyOf(configuration);
      actionPolicies = actionPolicies == null ? Map.of() : Map.copyOf(actionPolicies);
      opaPolicies = opaPolicies == null ? Map.of() : Map.copyOf(opaPolicies);
      msg = Checks.orEmpty(msg);
    }

    /** Returns a decision with only a configuration and a message. */
    public static Configure of(Map<String, String> configuration, String msg) {
      return new Configure(
          configuration, null, null, null, null, Map.of(), Map.of(), null, null, msg, false);
    }
  }

  /**
   * Try again later (helper {@code defer: true}).
   *
   * @param msg helper {@code msg}, kept as the node's last message
   */
  record Defer(String msg) implements HelperDecision {
    /** Normalises a missing message. */
    public Defer {
      msg = Checks.orEmpty(msg);
    }
  }

  /**
   * Shut the node down (helper {@code shutdown: true}).
   *
   * @param msg helper {@code msg}
   */
  record Shutdown(String msg) implements HelperDecision {
    /** Normalises a missing message. */
    public Shutdown {
      msg = Checks.orEmpty(msg);
    }
  }

  /**
   * Configure the node as {@code configure} says, but only once an operator approves (helper {@code
   * "approval": {"reason": "..."}}, our extension). The reply is kept here, so approving does not
   * run the helper again.
   *
   * @param reason the helper's reason for asking, shown to the operator
   * @param configure what to do once approved
   */
  record Approval(String reason, Configure configure) implements HelperDecision {
    /** Validates. */
    public Approval {
      reason = Checks.orEmpty(reason);
      Objects.requireNonNull(configure, "configure");
    }

    @Override
    public String msg() {
      return configure.msg();
    }
  }
}
