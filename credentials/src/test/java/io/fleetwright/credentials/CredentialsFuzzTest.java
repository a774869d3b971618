package io.fleetwright.credentials;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Fuzzes the checks of node-supplied CSRs and provisioning JWTs. Each either passes or throws
 * {@link CredentialException}; anything else is a finding. Seeds live under {@code
 * CredentialsFuzzTestInputs/<method>/}.
 */
class CredentialsFuzzTest {
  private static final CsrChecks CSR_CHECKS = new CsrChecks(List.of());
  // RFC 8032 test vector 1 public key: any valid ed25519 key makes the parser run fully.
  private static final JwtVerifier JWT =
      JwtVerifier.fromConfig(
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Clock.systemUTC());

  @FuzzTest
  void csr(byte[] pem) {
    try {
      CSR_CHECKS.validate("node1.example.net", new String(pem, StandardCharsets.UTF_8));
    } catch (CredentialException expected) {
      // documented rejection
    }
  }

  @FuzzTest
  void jwt(byte[] token) {
    try {
      JWT.verify("node1.example.net", new String(token, StandardCharsets.UTF_8));
    } catch (CredentialException expected) {
      // documented rejection
    }
  }
}
