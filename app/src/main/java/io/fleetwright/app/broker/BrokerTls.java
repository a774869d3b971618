package io.fleetwright.app.broker;

import io.fleetwright.app.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Builds the TLS context of a broker connection from PEM files ({@code nats.tls.*} or {@code
 * main_collective.tls.*}); errors name the key each file came from.
 */
final class BrokerTls {
  private static final char[] IN_MEMORY = "fleetwright".toCharArray();

  private BrokerTls() {}

  /** The context: the CA (else the JVM's trust store) and, when given, our certificate and key. */
  static SSLContext context(BrokerAccess access) {
    String caKey = access.caSection() + ".tls.ca";
    String certKey = access.certSection() + ".tls.cert";
    String keyKey = access.certSection() + ".tls.key";
    var tls = access.tls();
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          tls.cert().isPresent()
              ? keyManagers(tls.cert().get(), certKey, tls.key().orElseThrow(), keyKey)
              : null,
          tls.ca().isPresent() ? trustManagers(tls.ca().get(), caKey) : null,
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(access.key("tls") + ": could not set up TLS: " + e.getMessage());
    }
  }

  private static javax.net.ssl.TrustManager[] trustManagers(Path ca, String caKey)
      throws GeneralSecurityException {
    List<Certificate> certs = certificates(ca, caKey);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    load(store);
    for (int i = 0; i < certs.size(); i++) {
      store.setCertificateEntry("ca-" + i, certs.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static javax.net.ssl.KeyManager[] keyManagers(
      Path cert, String certKey, Path key, String keyKey) throws GeneralSecurityException {
    List<Certificate> chain = certificates(cert, certKey);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    load(store);
    store.setKeyEntry(
        "client", privateKey(key, keyKey), IN_MEMORY, chain.toArray(Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, IN_MEMORY);
    return factory.getKeyManagers();
  }

  private static List<Certificate> certificates(Path file, String key) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new ConfigException(key + " " + file + " holds no PEM certificate");
      }
      return List.copyOf(certs);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          key + " " + file + " is not a readable PEM certificate file (" + e.getMessage() + ")");
    }
  }

  /** A PEM private key: PKCS#8, PKCS#1 RSA or SEC1 EC, as Choria and nats-server use them. */
  private static PrivateKey privateKey(Path file, String key) {
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      Object pem = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (pem instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      if (pem instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new ConfigException(
          key
              + " "
              + file
              + " holds no unencrypted PEM private key (got "
              + (pem == null ? "nothing" : pem.getClass().getSimpleName())
              + ")");
    } catch (IOException e) {
      throw new ConfigException(
          key + " " + file + " is not a readable PEM private key (" + e.getMessage() + ")");
    }
  }

  private static void load(KeyStore store) throws GeneralSecurityException {
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("an empty key store could not be made", e);
    }
  }
}
