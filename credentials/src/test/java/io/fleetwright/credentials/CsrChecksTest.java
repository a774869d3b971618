package io.fleetwright.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.credentials.CredentialException.Reason;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CsrChecksTest {
  private static final List<String> GO_DEFAULTS =
      List.of(
          "\\.privileged.mcollective$", "\\.privileged.choria$", "\\.mcollective$", "\\.choria$");
  private static KeyPair rsa2048;
  private final CsrChecks checks = new CsrChecks(GO_DEFAULTS);

  @BeforeAll
  static void keys() throws Exception {
    rsa2048 = TestCsrs.rsa(2048);
  }

  private CredentialException rejected(
      String identity, String pem, Reason reason, String fragment) {
    CredentialException f =
        assertThrows(CredentialException.class, () -> checks.validate(identity, pem));
    assertEquals(reason, f.reason(), f.getMessage());
    assertTrue(f.getMessage().contains(fragment), f.getMessage());
    return f;
  }

  @Test
  void aGoodCsrForTheNodesOwnNameIsAccepted() throws Exception {
    String pem = TestCsrs.pem(TestCsrs.csr("n1.example.net", rsa2048, "n1.example.net"));
    CsrFacts info = checks.validate("n1.example.net", pem);
    assertEquals("n1.example.net", info.commonName());
    assertEquals(List.of("n1.example.net"), info.dnsNames());
    assertEquals("RSA", info.keyType());
    assertEquals(2048, info.keyBits());
    assertEquals("SHA256WITHRSA", info.signatureAlgorithm().toUpperCase());
  }

  @Test
  void aCsrForAnotherNameIsRejectedNamingBoth() throws Exception {
    String pem = TestCsrs.pem(TestCsrs.csr("evil.example.net", rsa2048));
    rejected("n1.example.net", pem, Reason.CSR_INVALID, "'evil.example.net'");
  }

  @Test
  void choriaClientNamesAreDeniedInTheCnAndInDnsNames() throws Exception {
    rejected(
        "admin.choria",
        TestCsrs.pem(TestCsrs.csr("admin.choria", rsa2048)),
        Reason.CSR_NAME_DENIED,
        "cert_deny_list");
    rejected(
        "n1.example.net",
        TestCsrs.pem(TestCsrs.csr("n1.example.net", rsa2048, "root.privileged.choria")),
        Reason.CSR_NAME_DENIED,
        "DNS name 'root.privileged.choria'");
  }

  @Test
  void weakKeysAreRejected() throws Exception {
    String pem = TestCsrs.pem(TestCsrs.csr("n1.example.net", TestCsrs.rsa(1024)));
    rejected("n1.example.net", pem, Reason.CSR_INVALID, "RSA 1024 bits");
  }

  @Test
  void ecKeysOfAtLeast256BitsAreAccepted() throws Exception {
    String pem = TestCsrs.pem(TestCsrs.csr("n1.example.net", TestCsrs.ec("secp256r1")));
    assertEquals("EC", checks.validate("n1.example.net", pem).keyType());
  }

  @Test
  void aTamperedSignatureIsRejected() throws Exception {
    PKCS10CertificationRequest csr = TestCsrs.csr("n1.example.net", rsa2048);
    byte[] der = csr.getEncoded();
    der[der.length - 5] ^= 0x5a;
    String pem =
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
            + "\n-----END CERTIFICATE REQUEST-----\n";
    rejected("n1.example.net", pem, Reason.CSR_INVALID, "signature");
  }

  @Test
  void ecAndEd25519SignaturesVerifyAndTamperedOnesDoNot() throws Exception {
    for (var keys : List.of(TestCsrs.ec("secp256r1"), TestCsrs.ed25519())) {
      String algorithm =
          keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
      PKCS10CertificationRequest csr = TestCsrs.signedWith("n1.example.net", keys, algorithm);
      assertEquals(
          algorithm.equals("Ed25519") ? "Ed25519" : "EC",
          checks.validate("n1.example.net", TestCsrs.pem(csr)).keyType(),
          algorithm);
      rejected("n1.example.net", TestCsrs.tampered(csr), Reason.CSR_INVALID, "signature");
    }
  }

  @Test
  void garbageIsNotACsr() {
    rejected("n1.example.net", "hello", Reason.CSR_INVALID, "CERTIFICATE REQUEST");
    rejected("n1.example.net", "", Reason.CSR_INVALID, "n1.example.net");
  }

  @Test
  void slashedRegexesFromGoConfigsWork() throws Exception {
    CsrChecks slashed = new CsrChecks(List.of("/\\.internal$/"));
    String pem = TestCsrs.pem(TestCsrs.csr("db.internal", rsa2048));
    CredentialException f =
        assertThrows(CredentialException.class, () -> slashed.validate("db.internal", pem));
    assertEquals(Reason.CSR_NAME_DENIED, f.reason());
    assertFalse(f.getMessage().contains("/\\"), f.getMessage());
  }
}
