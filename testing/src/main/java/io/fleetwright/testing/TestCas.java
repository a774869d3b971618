package io.fleetwright.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root CA and an intermediate it signed, as an operator's existing PKI would hand them over: the
 * intermediate becomes the built-in CA, the root is what nodes trust. EC P-256 keys, valid from an
 * hour ago for 30 days. BouncyCastle's bcpkix is an optional dependency of this module: a module
 * that uses this class declares it itself.
 */
public final class TestCas {
  private TestCas() {}

  /**
   * A CA certificate and its key.
   *
   * @param keys the CA's key pair
   * @param certificate the CA's certificate, signed by its issuer
   */
  public record Ca(KeyPair keys, X509CertificateHolder certificate) {
    /** Returns the certificate as one PEM block. */
    public String pem() throws IOException {
      return TestCas.pem(certificate);
    }
  }

  /** Returns a self-signed root CA named {@code cn} (with or without a leading {@code CN=}). */
  public static Ca root(String cn) throws Exception {
    KeyPair keys = ec();
    return new Ca(keys, caCertificate(cn, keys, cn, keys, 1));
  }

  /** Returns an intermediate CA named {@code cn}, signed by {@code issuer}, with path length 0. */
  public static Ca intermediate(String cn, Ca issuer) throws Exception {
    KeyPair keys = ec();
    X500Name issuerName = issuer.certificate().getSubject();
    return new Ca(keys, caCertificate(cn, keys, issuerName.toString(), issuer.keys(), 0));
  }

  /** Writes {@code ca} as a built-in CA folder: its key in ca.key, then {@code pem} in ca.pem. */
  public static void writeFolder(Path dir, Ca ca, String caPem) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("ca.key"), pem(new JcaPKCS8Generator(ca.keys().getPrivate(), null)));
    Files.writeString(dir.resolve("ca.pem"), caPem);
  }

  private static X509CertificateHolder caCertificate(
      String cn, KeyPair keys, String issuer, KeyPair issuerKeys, int pathLength) throws Exception {
    Instant now = Instant.now();
    X500Name subject = new X500Name(cn.startsWith("CN=") ? cn : "CN=" + cn);
    X500Name issuerName = new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    var builder =
        new JcaX509v3CertificateBuilder(
            issuerName,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    return builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** Returns {@code object} (a certificate, key or PKCS#8 generator) as PEM text. */
  public static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
