package io.fleetwright.workflows;

import io.fleetwright.api.ConfigureInput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * When the credentials sent to a node expire: the certificate's {@code notAfter} and the server
 * JWT's {@code exp}, whichever is earlier. Pure parsing of what the workflow already holds, so it
 * gives the same answer on replay.
 */
final class CredentialExpiry {
  private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

  private CredentialExpiry() {}

  /** Returns the earlier expiry of what {@code sent} carries, or empty when neither parses. */
  static Optional<Instant> of(ConfigureInput sent) {
    return Stream.of(certificate(sent.certificate()), jwt(sent.serverJwt()))
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  static Optional<Instant> certificate(@Nullable String pem) {
    if (pem == null || pem.isBlank()) {
      return Optional.empty();
    }
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      return Optional.of(cert.getNotAfter().toInstant());
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Optional<Instant> jwt(@Nullable String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Matcher m = EXP.matcher(claims);
      return m.find()
          ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1))))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
