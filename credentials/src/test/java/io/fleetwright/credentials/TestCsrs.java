package io.fleetwright.credentials;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Makes CSRs for tests, good and bad. */
final class TestCsrs {
  private TestCsrs() {}

  static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** A CSR signed with {@code algorithm}, e.g. {@code SHA256withRSAandMGF1} (RSASSA-PSS). */
  static PKCS10CertificationRequest signedWith(String cn, KeyPair keys, String algorithm)
      throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
        .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
  }

  /** The PEM of {@code csr} with one byte of its signature flipped. */
  static String tampered(PKCS10CertificationRequest csr) throws Exception {
    byte[] der = csr.getEncoded();
    der[der.length - 5] ^= 0x5a;
    return "-----BEGIN CERTIFICATE REQUEST-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }

  static PKCS10CertificationRequest csr(String cn, KeyPair keys, String... dnsNames)
      throws Exception {
    var builder =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic());
    if (dnsNames.length > 0) {
      GeneralName[] names = new GeneralName[dnsNames.length];
      for (int i = 0; i < dnsNames.length; i++) {
        names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
      }
      ExtensionsGenerator ext = new ExtensionsGenerator();
      ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
    }
    String alg =
        keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return builder.build(new JcaContentSignerBuilder(alg).build(keys.getPrivate()));
  }

  static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
