package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** What a real server looks like after our provisioner is done with it. */
final class ServerChecks {
  private ServerChecks() {}

  /** The config file on disk is the helper's configuration, out of provisioning mode. */
  static void assertConfiguredByUs(RealServer server, String broker) throws IOException {
    String text = Files.readString(server.configFile());
    Map<String, String> settings = settings(text);
    String id = server.identity();
    assertTrue(text.startsWith("#"), id + " config has no header comment:\n" + text);
    assertEquals("false", settings.get("plugin.choria.server.provision"), text);
    assertEquals(id, settings.get("identity"), text);
    assertEquals(broker, settings.get("plugin.choria.middleware_hosts"), text);
    assertEquals("fleetwright", settings.get("main_collective"), text);
    assertEquals("file", settings.get("plugin.security.provider"), text);
    assertEquals(
        server.sslDir().resolve("certificate.pem").toString(),
        settings.get("plugin.security.file.certificate"),
        text);
  }

  /**
   * In order: a provisioning-mode startup, the provisioned event, the provisioning-mode shutdown of
   * the restart, then a normal-mode startup.
   */
  static void assertLifecycle(List<WireTap.Event> all, String identity) {
    List<String> mine =
        all.stream()
            .filter(e -> e.identity().equals(identity))
            .map(e -> e.type().replace("io.choria.lifecycle.v1.", "") + "/" + e.component())
            .toList();
    int startup = mine.indexOf("startup/provision_mode_server");
    int provisioned = mine.indexOf("provisioned/provision_mode_server");
    int shutdown = mine.lastIndexOf("shutdown/provision_mode_server");
    int restarted = mine.lastIndexOf("startup/server");
    String seen = identity + " events " + mine;
    assertTrue(startup >= 0 && startup < provisioned, seen);
    assertTrue(provisioned < shutdown && shutdown < restarted, seen);
  }

  /**
   * The certificate holds the public key of the CSR and of the private key the server made itself,
   * names the server, and verifies against the CA file it was given.
   */
  static void assertCertificateMatchesItsOwnKey(RealServer server) throws Exception {
    Path ssl = server.sslDir();
    X509CertificateHolder cert = (X509CertificateHolder) read(ssl.resolve("certificate.pem"));
    var csr = (PKCS10CertificationRequest) read(ssl.resolve("csr.pem"));
    SubjectPublicKeyInfo own = ((PEMKeyPair) read(ssl.resolve("private.pem"))).getPublicKeyInfo();
    String id = server.identity();
    assertEquals(csr.getSubjectPublicKeyInfo(), cert.getSubjectPublicKeyInfo(), id + " CSR key");
    assertEquals(own, cert.getSubjectPublicKeyInfo(), id + " private.pem key");
    assertEquals("CN=" + id, cert.getSubject().toString(), id + " subject");
    X509CertificateHolder ca = (X509CertificateHolder) read(ssl.resolve("ca.pem"));
    var converter = new JcaX509CertificateConverter();
    converter.getCertificate(cert).verify(converter.getCertificate(ca).getPublicKey());
  }

  /** No line of the server's private key crossed the broker or entered workflow history. */
  static void assertKeyStayedOnTheNode(RealServer server, WireTap tap, String temporalTarget)
      throws IOException {
    List<String> lines = Files.readAllLines(server.sslDir().resolve("private.pem"));
    List<String> body = lines.subList(1, lines.size() - 1);
    assertTrue(body.size() > 10, server.identity() + " private.pem is too short: " + lines);
    List<String> probes =
        List.of(body.get(1), body.get(body.size() / 2), body.get(body.size() - 2));
    byte[] history = history(server.identity(), temporalTarget);
    assertTrue(history.length > 1000, server.identity() + " history is only " + history.length);
    String historyText = new String(history, StandardCharsets.ISO_8859_1);
    for (String probe : probes) {
      assertEquals(List.of(), tap.subjectsContaining(probe), server.identity() + " key on wire");
      assertFalse(historyText.contains(probe), server.identity() + " key in workflow history");
    }
    assertEquals(List.of(), tap.subjectsContaining("PRIVATE KEY"), "a private key on the wire");
    assertFalse(historyText.contains("PRIVATE KEY"), server.identity() + " history holds a key");
  }

  /** One line per server for the test output: its events and its configuration's size. */
  static String summary(RealServer server, List<WireTap.Event> all) throws IOException {
    List<String> events =
        all.stream()
            .filter(e -> e.identity().equals(server.identity()))
            .map(e -> e.type().replace("io.choria.lifecycle.v1.", "") + "/" + e.component())
            .toList();
    return "interop: "
        + server.identity()
        + " events "
        + events
        + ", "
        + settings(Files.readString(server.configFile())).size()
        + " settings in "
        + server.configFile().getFileName();
  }

  private static byte[] history(String identity, String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      return client.fetchHistory(WorkflowIds.node(identity)).getHistory().toByteArray();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static Object read(Path pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(pem)))) {
      Object o = parser.readObject();
      if (o == null) {
        throw new IOException(pem + " holds no PEM object");
      }
      return o;
    }
  }

  /** Choria's key=value lines; comments and blank lines skipped, spaces around '=' trimmed. */
  private static Map<String, String> settings(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
        settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return settings;
  }
}
