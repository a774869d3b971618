package io.fleetwright.it;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA in a folder, issuing EC certificates for a test broker and its clients. */
final class TestPki {
  /** A certificate and key, in memory and as PEM files. */
  record Issued(X509Certificate certificate, KeyPair keys, Path certFile, Path keyFile) {}

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private long serial = 1;

  private TestPki(Path dir, String name) throws GeneralSecurityException, IOException {
    this.dir = Files.createDirectories(dir);
    this.name = name;
    this.caKeys = keyPair();
    this.ca = sign(new X500Name("CN=" + name), caKeys, true);
    write(caFile(), ca);
  }

  static TestPki create(Path dir, String name) throws GeneralSecurityException, IOException {
    return new TestPki(dir, name);
  }

  /** The CA certificate, PEM. */
  Path caFile() {
    return dir.resolve(name + "-ca.pem");
  }

  /** A certificate for {@code cn}, valid for 127.0.0.1 and localhost. */
  Issued issue(String cn) throws GeneralSecurityException, IOException {
    return issue(
        cn,
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"));
  }

  /** A certificate for {@code cn}, valid for the given names only. */
  Issued issue(String cn, GeneralName... names) throws GeneralSecurityException, IOException {
    KeyPair keys = keyPair();
    X509Certificate cert = sign(new X500Name("CN=" + cn), keys, false, names);
    Path certFile = dir.resolve(cn + ".pem");
    Path keyFile = dir.resolve(cn + ".key");
    write(certFile, cert);
    // PKCS#8, which both Go and BouncyCastle read.
    Files.writeString(
        keyFile,
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(
                    64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    return new Issued(cert, keys, certFile, keyFile);
  }

  /** A client TLS context that trusts this CA and presents {@code client}. */
  SSLContext clientContext(Issued client) throws GeneralSecurityException, IOException {
    char[] pass = "it".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "client", client.keys().getPrivate(), pass, new X509Certificate[] {client.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pass);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private X509Certificate sign(X500Name subject, KeyPair keys, boolean isCa, GeneralName... names)
      throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            isCa ? subject : new X500Name("CN=" + name),
            BigInteger.valueOf(serial++),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (names.length > 0) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys())));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private java.security.PrivateKey caKeys() {
    return caKeys == null ? null : caKeys.getPrivate();
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static void write(Path file, Object pem) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(pem);
    }
    Files.writeString(file, text.toString());
  }
}
