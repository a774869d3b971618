package io.fleetwright.app.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ProvisionerConfig.Temporal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Each way a TLS connection fails names the one setting that fixes it. */
class TemporalConnectExceptionTest {
  private static final Temporal PLAIN = Temporal.plain("t.example:7233", "default", "q");

  private static String message(Status status, Throwable cause) {
    String m =
        TemporalConnectException.of(PLAIN, new StatusRuntimeException(status.withCause(cause)))
            .getMessage();
    assertTrue(m.contains("t.example:7233"), m);
    assertFalse(m.contains("\n"), m);
    return m;
  }

  private static void assertNames(String message, String setting) {
    assertTrue(message.contains(setting), "expected " + setting + " in: " + message);
  }

  @Test
  void anUntrustedServerNamesTheCaFile() {
    assertNames(
        message(
            Status.UNAVAILABLE,
            new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path")),
        "temporal.tls.ca_file");
  }

  @Test
  void aRefusedOrMissingClientCertificateNamesTheCertAndKey() {
    String m =
        message(
            Status.UNAVAILABLE,
            new javax.net.ssl.SSLException("TLSV1_ALERT_CERTIFICATE_REQUIRED\nmore"));
    assertNames(m, "temporal.tls.cert_file");
    assertNames(m, "TEMPORAL_TLS_CLIENT_KEY_PATH");
  }

  @Test
  void aCertificateForAnotherNameNamesTheServerName() {
    assertNames(
        message(
            Status.UNAVAILABLE,
            new java.security.cert.CertificateException(
                "No subject alternative DNS name matching t.example found.")),
        "temporal.tls.server_name");
  }

  @Test
  void tlsToAPlainServerNamesTheTlsSwitch() {
    assertNames(
        message(Status.UNAVAILABLE, new RuntimeException("not an SSL/TLS record: 0000")),
        "temporal.tls.enabled");
  }

  @Test
  void aRefusedKeyNamesTheApiKeyFile() {
    assertNames(
        message(Status.UNAUTHENTICATED.withDescription("invalid token"), null),
        "temporal.api_key_file");
  }

  @Test
  void anUnreachableServerNamesTheTarget() {
    assertNames(
        message(Status.UNAVAILABLE, new java.net.ConnectException("Connection refused")),
        "temporal.target");
  }
}
