package io.fleetwright.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.testing.TestCas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInCaTest {

  private static X509Certificate x509(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aNewCaIssuesCertificatesThatVerifyAgainstItsChain(@TempDir Path dir) throws Exception {
    BuiltInCa ca = BuiltInCa.openOrCreate(dir, "Test CA", Duration.ofDays(30), Clock.systemUTC());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))));
    KeyPair node = TestCsrs.rsa(2048);
    String csr = TestCsrs.pem(TestCsrs.csr("n1.example.net", node, "n1-alt.example.net"));
    IssuedCertificate signed = ca.sign("n1.example.net", csr);
    X509Certificate cert = x509(signed.certificatePem());
    X509Certificate root = x509(signed.caChainPem());
    cert.verify(root.getPublicKey());
    cert.checkValidity();
    assertEquals(node.getPublic(), cert.getPublicKey(), "the node's own key is certified");
    assertTrue(cert.getSubjectX500Principal().getName().contains("CN=n1.example.net"));
    List<String> sans =
        cert.getSubjectAlternativeNames().stream().map(l -> (String) l.get(1)).toList();
    assertEquals(List.of("n1.example.net", "n1-alt.example.net"), sans);
    assertEquals(cert.getSerialNumber().toString(16), signed.serial());
    assertEquals(64, signed.fingerprintSha256().length());
  }

  @Test
  void anIntermediateCaWithItsRootInChainPemSendsBothAndItsCertificatesVerifyAgainstTheRoot(
      @TempDir Path dir) throws Exception {
    TestCas.Ca root = TestCas.root("Test Root");
    TestCas.Ca intermediate = TestCas.intermediate("Test Intermediate", root);
    TestCas.writeFolder(dir, intermediate, intermediate.pem());
    Files.writeString(dir.resolve("chain.pem"), root.pem());

    assertIssuesThroughTheIntermediate(dir, root, intermediate);
  }

  @Test
  void anIntermediateCaWithItsRootInCaPemSendsBothAndItsCertificatesVerifyAgainstTheRoot(
      @TempDir Path dir) throws Exception {
    TestCas.Ca root = TestCas.root("Test Root");
    TestCas.Ca intermediate = TestCas.intermediate("Test Intermediate", root);
    TestCas.writeFolder(dir, intermediate, intermediate.pem() + root.pem());

    assertIssuesThroughTheIntermediate(dir, root, intermediate);
  }

  /**
   * The node's {@code ca} is the intermediate then the root, every PEM block kept, and its
   * certificate validates as a TLS peer would check it: the root as the only trust anchor, the
   * intermediate taken from that {@code ca}.
   */
  private static void assertIssuesThroughTheIntermediate(
      Path dir, TestCas.Ca root, TestCas.Ca intermediate) throws Exception {
    BuiltInCa ca = BuiltInCa.openOrCreate(dir, "unused", Duration.ofDays(1), Clock.systemUTC());
    String csr = TestCsrs.pem(TestCsrs.csr("n1.example.net", TestCsrs.rsa(2048)));
    IssuedCertificate signed = ca.sign("n1.example.net", csr);

    assertEquals(intermediate.pem() + root.pem(), signed.caChainPem());
    assertEquals(signed.caChainPem(), ca.chainPem());
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> bundle = all(factory, signed.caChainPem());
    X509Certificate leaf = x509(signed.certificatePem());
    assertEquals(bundle.get(0).getSubjectX500Principal(), leaf.getIssuerX500Principal());
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(bundle.get(1), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(factory.generateCertPath(List.of(leaf, bundle.get(0))), params);
  }

  private static List<X509Certificate> all(CertificateFactory factory, String pem)
      throws Exception {
    return factory
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .stream()
        .map(X509Certificate.class::cast)
        .toList();
  }

  @Test
  void anExistingCaIsLoadedNotReplaced(@TempDir Path dir) throws Exception {
    BuiltInCa.openOrCreate(dir, "Test CA", Duration.ofDays(30), Clock.systemUTC());
    String first = Files.readString(dir.resolve("ca.pem"));
    BuiltInCa again = BuiltInCa.openOrCreate(dir, "Other", Duration.ofDays(30), Clock.systemUTC());
    assertEquals(first, Files.readString(dir.resolve("ca.pem")));
    assertEquals(first, again.chainPem());
  }
}
