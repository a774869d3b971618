package io.fleetwright.credentials;

import java.io.IOException;
import java.io.StringReader;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Validates a node's CSR as the Go provisioner does (CN equals the identity; CN and DNS names
 * checked against {@code cert_deny_list}) and more: the signature must verify and the key must be
 * RSA of at least 2048 bits, EC of at least 256 bits, or Ed25519.
 */
public final class CsrChecks {
  static final int MIN_RSA_BITS = 2048;
  static final int MIN_EC_BITS = 256;

  private final List<Pattern> denyList;

  /**
   * Creates the checks.
   *
   * @param denyList {@code cert_deny_list}: regular expressions, optionally between slashes, that
   *     no CN or DNS name may match
   */
  public CsrChecks(List<String> denyList) {
    this.denyList = denyList.stream().map(CsrChecks::compile).toList();
  }

  private static Pattern compile(String regex) {
    boolean slashed = regex.length() > 1 && regex.startsWith("/") && regex.endsWith("/");
    return Pattern.compile(slashed ? regex.substring(1, regex.length() - 1) : regex);
  }

  /**
   * Validates a node's CSR.
   *
   * @param identity the node
   * @param csrPem the CSR, PEM
   * @return what the CSR holds
   * @throws CredentialException {@link CredentialException.Reason#CSR_INVALID} or {@link
   *     CredentialException.Reason#CSR_NAME_DENIED}, naming the node and the rule
   */
  public CsrFacts validate(String identity, String csrPem) {
    JcaPKCS10CertificationRequest csr = parse(identity, csrPem);
    PublicKey key;
    try {
      key = csr.getPublicKey();
      if (!signatureVerifies(csr, key)) {
        throw invalid(identity, "its signature does not verify with its own public key");
      }
    } catch (CredentialException e) {
      throw e;
    } catch (Exception e) {
      throw invalid(identity, "its key or signature cannot be checked (" + e.getMessage() + ")");
    }
    String cn = commonName(identity, csr);
    if (!cn.equals(identity)) {
      throw invalid(
          identity,
          "its CN is '"
              + cn
              + "' but the node's identity is '"
              + identity
              + "'; the node must request a certificate for its own name");
    }
    List<String> dnsNames = dnsNames(csr);
    denied(identity, "CN", cn);
    dnsNames.forEach(name -> denied(identity, "DNS name", name));
    String keyType = key.getAlgorithm();
    int bits = keyBits(key);
    checkStrength(identity, keyType, bits);
    String signature =
        new DefaultAlgorithmNameFinder().getAlgorithmName(csr.getSignatureAlgorithm());
    return new CsrFacts(cn, dnsNames, normalise(keyType), bits, signature);
  }

  /**
   * Verifies the CSR's signature with its own key in one public-key operation. Bouncy Castle's
   * {@code isSignatureValid} verifies RSA signatures twice (its raw verifier checks again after the
   * real check), which made CSR checks the worker's costliest step; plain JCA does it once. A
   * signature algorithm with parameters (RSASSA-PSS) or unknown to the JDK goes through Bouncy
   * Castle as before.
   */
  static boolean signatureVerifies(JcaPKCS10CertificationRequest csr, PublicKey key)
      throws Exception {
    AlgorithmIdentifier algorithm = csr.getSignatureAlgorithm();
    ASN1Encodable parameters = algorithm.getParameters();
    if (parameters == null || DERNull.INSTANCE.equals(parameters)) {
      String name = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
      Signature signature;
      try {
        signature = Signature.getInstance(name);
      } catch (NoSuchAlgorithmException e) {
        signature = null;
      }
      if (signature != null) {
        signature.initVerify(key);
        signature.update(
            csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER));
        try {
          return signature.verify(csr.getSignature());
        } catch (SignatureException malformed) {
          return false;
        }
      }
    }
    return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
  }

  private static JcaPKCS10CertificationRequest parse(String identity, String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      Object object = parser.readObject();
      if (object instanceof PKCS10CertificationRequest request) {
        return new JcaPKCS10CertificationRequest(request);
      }
      throw invalid(
          identity,
          "it is not a PEM 'CERTIFICATE REQUEST' (found "
              + (object == null ? "nothing" : object.getClass().getSimpleName())
              + ")");
    } catch (IOException | IllegalStateException e) {
      // Bouncy Castle reports bad base64 inside the PEM armour as an unchecked DecoderException.
      throw invalid(identity, "its PEM does not parse (" + e.getMessage() + ")");
    }
  }

  private static String commonName(String identity, PKCS10CertificationRequest csr) {
    RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw invalid(identity, "its subject must have exactly one CN, found " + cns.length);
    }
    return IETFUtils.valueToString(cns[0].getFirst().getValue());
  }

  private static List<String> dnsNames(PKCS10CertificationRequest csr) {
    List<String> names = new ArrayList<>();
    for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (sans != null) {
        for (GeneralName name : sans.getNames()) {
          if (name.getTagNo() == GeneralName.dNSName) {
            names.add(name.getName().toString());
          }
        }
      }
    }
    return List.copyOf(names);
  }

  private void denied(String identity, String what, String name) {
    for (Pattern p : denyList) {
      if (p.matcher(name).find()) {
        throw new CredentialException(
            CredentialException.Reason.CSR_NAME_DENIED,
            "CSR of "
                + identity
                + " denied: its "
                + what
                + " '"
                + name
                + "' matches cert_deny_list"
                + " entry '"
                + p.pattern()
                + "' (names reserved for Choria clients); the node must"
                + " use a server name, or change cert_deny_list");
      }
    }
  }

  private static int keyBits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    String alg = key.getAlgorithm();
    return alg.equalsIgnoreCase("Ed25519") || alg.equalsIgnoreCase("EdDSA") ? 256 : 0;
  }

  private static String normalise(String algorithm) {
    return switch (algorithm.toUpperCase(java.util.Locale.ROOT)) {
      case "RSA" -> "RSA";
      case "EC", "ECDSA" -> "EC";
      case "ED25519", "EDDSA" -> "Ed25519";
      default -> algorithm;
    };
  }

  private static void checkStrength(String identity, String algorithm, int bits) {
    String type = normalise(algorithm);
    boolean ok =
        switch (type) {
          case "RSA" -> bits >= MIN_RSA_BITS;
          case "EC" -> bits >= MIN_EC_BITS;
          case "Ed25519" -> true;
          default -> false;
        };
    if (!ok) {
      throw invalid(
          identity,
          "its key is "
              + type
              + " "
              + bits
              + " bits; the minimum is RSA "
              + MIN_RSA_BITS
              + ", EC "
              + MIN_EC_BITS
              + " or Ed25519");
    }
  }

  private static CredentialException invalid(String identity, String why) {
    return new CredentialException(
        CredentialException.Reason.CSR_INVALID, "CSR of " + identity + " rejected: " + why);
  }
}
