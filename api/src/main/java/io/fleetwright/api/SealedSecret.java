package io.fleetwright.api;

import java.util.Objects;

/**
 * A secret that must pass through a workflow, sealed by the activity that produced it so it never
 * appears in plain workflow history. Workflows never open it: they hand it to the activity that
 * needs the plain value, which unseals it with a key only workers hold (for example an AES-GCM key
 * derived from the provisioning token with HKDF, so every worker of one provisioner agrees).
 *
 * <p>Two values travel like this: the node's provisioning JWT ({@link JwtResult#jwt()}, because it
 * embeds the provisioning token in its {@code cht} claim) and a helper-supplied private key ({@link
 * HelperDecision.Configure#key()}).
 *
 * @param ciphertext the sealed value in the sealing activity's own text format; never the secret
 */
public record SealedSecret(String ciphertext) {
  /** Rejects an empty value. */
  public SealedSecret {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.isEmpty()) {
      throw new IllegalArgumentException("a sealed secret must not be empty");
    }
  }

  /** Returns a fixed text so the value never reaches a log. */
  @Override
  public String toString() {
    return "SealedSecret[" + ciphertext.length() + " chars]";
  }
}
