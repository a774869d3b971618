package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Makes the RSA-2048 key pair and SHA256withRSA CSR of {@code choria_provision#gencsr}. */
public final class CsrMaker {
  private CsrMaker() {}

  /** The subject fields a caller may set; ST is accepted but, as in Choria, not applied. */
  public record Subject(String cn, String c, String l, String o, String ou) {}

  /** Generates a fresh RSA-2048 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new FleetException("This JVM cannot generate RSA keys: " + e.getMessage(), e);
    }
  }

  /** Returns the PEM "CERTIFICATE REQUEST" for the subject, signed with the pair's private key. */
  public static String csrPem(Subject subject, KeyPair pair) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    if (!subject.c().isEmpty()) {
      name.addRDN(BCStyle.C, subject.c());
    }
    if (!subject.l().isEmpty()) {
      name.addRDN(BCStyle.L, subject.l());
    }
    if (!subject.o().isEmpty()) {
      name.addRDN(BCStyle.O, subject.o());
    }
    if (!subject.ou().isEmpty()) {
      name.addRDN(BCStyle.OU, subject.ou());
    }
    name.addRDN(BCStyle.CN, subject.cn());
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
      PKCS10CertificationRequest csr =
          new JcaPKCS10CertificationRequestBuilder(name.build(), pair.getPublic()).build(signer);
      return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
    } catch (OperatorCreationException | IOException e) {
      throw new FleetException(
          "Could not create CSR for CN " + subject.cn() + ": " + e.getMessage(), e);
    }
  }

  /** Returns the public key as Choria sends it: PKCS#1 DER under a "PUBLIC KEY" PEM label. */
  public static String publicKeyPem(KeyPair pair) {
    try {
      byte[] pkcs1 =
          SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded())
              .parsePublicKey()
              .getEncoded();
      return Pem.encode("PUBLIC KEY", pkcs1);
    } catch (IOException e) {
      throw new FleetException("Could not encode the CSR public key: " + e.getMessage(), e);
    }
  }
}
