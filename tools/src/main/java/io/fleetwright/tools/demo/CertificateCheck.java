package io.fleetwright.tools.demo;

import io.fleetwright.fleet.FleetNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that a node's certificate chains to the CA it was given, as a TLS peer would. */
public final class CertificateCheck {
  private CertificateCheck() {}

  /** Whether the node holds a certificate that verifies against its CA bundle. */
  public static boolean verifies(FleetNode node) {
    return node.certificate().isPresent()
        && node.ca().isPresent()
        && verifies(node.certificate().get(), node.ca().get());
  }

  /**
   * Whether {@code certificatePem} chains to a self-signed root in {@code caPem}, through the
   * intermediates there, and is valid now.
   */
  static boolean verifies(String certificatePem, String caPem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> leaf = parse(factory, certificatePem);
      List<X509Certificate> bundle = parse(factory, caPem);
      Set<TrustAnchor> anchors = new HashSet<>();
      List<X509Certificate> path = new ArrayList<>(leaf.subList(0, 1));
      for (X509Certificate ca : bundle) {
        if (ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
          anchors.add(new TrustAnchor(ca, null));
        } else {
          path.add(ca);
        }
      }
      if (leaf.isEmpty() || anchors.isEmpty()) {
        return false;
      }
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), params);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static List<X509Certificate> parse(CertificateFactory factory, String pem)
      throws GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    for (var c :
        factory.generateCertificates(
            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) c);
    }
    return out;
  }
}
