package io.fleetwright.credentials;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The provisioner's own CA: issues node certificates for validated CSRs. It is created in its
 * folder on first use (an EC P-256 key and a self-signed certificate, key file mode 0600), or
 * loaded from a PEM key, a certificate and optional intermediates.
 */
public final class BuiltInCa implements CertificateSigner {

  private final PrivateKey key;
  private final X509CertificateHolder certificate;
  private final List<X509CertificateHolder> chain;
  private final Duration validity;
  private final Clock clock;

  private BuiltInCa(
      PrivateKey key,
      X509CertificateHolder certificate,
      List<X509CertificateHolder> chain,
      Duration validity,
      Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.chain = List.copyOf(chain);
    this.validity = validity;
    this.clock = clock;
  }

  /**
   * Loads the CA from {@code dir} ({@code ca.key}, {@code ca.pem}, optional {@code chain.pem} with
   * intermediates up to the root), creating a self-signed one there when no key exists yet.
   *
   * @param dir the CA folder
   * @param commonName the CN of a newly created CA
   * @param validity how long issued certificates are valid
   * @param clock the issuing clock
   * @return the CA
   */
  public static BuiltInCa openOrCreate(
      Path dir, String commonName, Duration validity, Clock clock) {
    Path keyFile = dir.resolve("ca.key");
    Path certFile = dir.resolve("ca.pem");
    try {
      if (!Files.exists(keyFile)) {
        create(dir, keyFile, certFile, commonName, clock);
      }
      PrivateKey key = readKey(keyFile);
      List<X509CertificateHolder> certs = readCertificates(certFile);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(certFile + " holds no certificate");
      }
      List<X509CertificateHolder> chain = new ArrayList<>(certs.subList(1, certs.size()));
      Path chainFile = dir.resolve("chain.pem");
      if (Files.exists(chainFile)) {
        chain.addAll(readCertificates(chainFile));
      }
      return new BuiltInCa(key, certs.get(0), chain, validity, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not open the built-in CA in "
              + dir
              + " ("
              + e.getMessage()
              + "); check ca.dir"
              + " and that ca.key and ca.pem are readable PEM files",
          e);
    }
  }

  private static void create(Path dir, Path keyFile, Path certFile, String cn, Clock clock)
      throws IOException {
    try {
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + cn + ",O=Fleetwright");
      Instant now = clock.instant();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(pair.getPublic()));
      X509CertificateHolder cert =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(certFile, pem(cert));
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not create a CA in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public IssuedCertificate sign(String identity, String csrPem) {
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parser.readObject();
      Instant now = clock.instant();
      var publicKey = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate.getSubject(),
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              new X500Name("CN=" + identity),
              publicKey);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(Extension.subjectAlternativeName, false, sans(identity, csr));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
      String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      X509CertificateHolder issued =
          builder.build(new JcaContentSignerBuilder(algorithm).build(key));
      StringBuilder caChain = new StringBuilder(pem(certificate));
      for (X509CertificateHolder c : chain) {
        caChain.append(pem(c));
      }
      return new IssuedCertificate(
          pem(issued),
          caChain.toString(),
          issued.getSerialNumber().toString(16),
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(issued.getEncoded())));
    } catch (Exception e) {
      throw new CredentialException(
          CredentialException.Reason.SIGNING_FAILED,
          "the built-in CA could not sign the CSR of " + identity + ": " + e.getMessage());
    }
  }

  /** The identity and the CSR's own DNS names, which validation has already checked. */
  private static GeneralNames sans(String identity, PKCS10CertificationRequest csr) {
    Set<String> names = new LinkedHashSet<>();
    names.add(identity);
    for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions ext = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames requested = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
      if (requested != null) {
        for (GeneralName n : requested.getNames()) {
          if (n.getTagNo() == GeneralName.dNSName) {
            names.add(n.getName().toString());
          }
        }
      }
    }
    return new GeneralNames(
        names.stream()
            .map(n -> new GeneralName(GeneralName.dNSName, n))
            .toArray(GeneralName[]::new));
  }

  /** The CA certificate and intermediates, PEM, as nodes need them in {@code ca.pem}. */
  public String chainPem() {
    StringBuilder out = new StringBuilder(pem(certificate));
    chain.forEach(c -> out.append(pem(c)));
    return out.toString();
  }

  private static BigInteger serial() {
    return new BigInteger(127, StripedRandom.current()).add(BigInteger.ONE);
  }

  private static PrivateKey readKey(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException(file + " holds no unencrypted PEM private key");
    }
  }

  private static List<X509CertificateHolder> readCertificates(Path file) throws IOException {
    List<X509CertificateHolder> certs = new ArrayList<>();
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder c) {
          certs.add(c);
        }
      }
    }
    return certs;
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
