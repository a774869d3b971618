package io.fleetwright.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * The provisioner's optional steps, as in the Go provisioner's {@code features.*} keys.
 *
 * <p>As there, {@code ed25519} implies {@code jwt} (the constructor turns {@code jwt} on), and
 * {@code pki} and {@code ed25519} are mutually exclusive.
 *
 * @param pki request a CSR from the node, validate it, and let the helper or the built-in CA supply
 *     a certificate
 * @param jwt fetch and verify the node's provisioning JWT; its claims go to the helper and its ECDH
 *     key lets the helper send the node a private key
 * @param ed25519 have the node make an ed25519 key, prove possession over a nonce, and issue it a
 *     server JWT
 * @param upgrades what to do with a helper's {@code upgrade} ({@code features.upgrades} and the
 *     {@code upgrades_*} keys); {@link UpgradePolicy#OFF} when missing, as in histories from before
 *     the feature
 */
public record Features(boolean pki, boolean jwt, boolean ed25519, UpgradePolicy upgrades) {
  /** No optional step: inventory, helper, configure, restart. */
  public static final Features NONE = new Features(false, false, false);

  /**
   * Normalises {@code jwt} and rejects the invalid combination.
   *
   * @throws IllegalArgumentException when both {@code pki} and {@code ed25519} are set
   */
  @JsonCreator
  public Features {
    upgrades = Objects.requireNonNullElse(upgrades, UpgradePolicy.OFF);
    if (pki && ed25519) {
      throw new IllegalArgumentException(
          "features.pki and features.ed25519 are mutually exclusive: a node gets either an x509"
              + " certificate or an ed25519 server JWT; set one of them to false");
    }
    jwt = jwt || ed25519;
  }

  /** Features without upgrades. */
  public Features(boolean pki, boolean jwt, boolean ed25519) {
    this(pki, jwt, ed25519, UpgradePolicy.OFF);
  }

  /** Returns a copy with another upgrade policy. */
  public Features withUpgrades(UpgradePolicy policy) {
    return new Features(pki, jwt, ed25519, policy);
  }
}
