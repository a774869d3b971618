package io.fleetwright.interop;

import io.fleetwright.credentials.BuiltInCa;
import io.fleetwright.credentials.IssuedCertificate;
import io.fleetwright.devstack.NatsServerOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The broker's TLS certificate, issued for {@code localhost} by the same built-in CA that signs the
 * nodes' CSRs: provisioning-mode servers dial TLS without checking it, and provisioned servers
 * verify it against the {@code ca.pem} the provisioner gave them.
 */
final class BrokerTls {
  static final String HOST = "localhost";

  private BrokerTls() {}

  /** Creates the CA in {@code caDir} (the provisioner later opens the same folder). */
  static NatsServerOptions.Tls issue(Path caDir, Path out)
      throws IOException, NoSuchAlgorithmException, OperatorCreationException {
    BuiltInCa ca =
        BuiltInCa.openOrCreate(
            caDir, "Fleetwright Interop CA", Duration.ofDays(2), Clock.systemUTC());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    var csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + HOST), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
    IssuedCertificate signed = ca.sign(HOST, pem(csr));
    Files.createDirectories(out);
    Path cert = out.resolve("broker.pem");
    Path key = out.resolve("broker.key");
    Files.writeString(cert, signed.certificatePem());
    Files.writeString(key, pem(pair.getPrivate()));
    return new NatsServerOptions.Tls(cert, key);
  }

  private static String pem(Object o) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(o);
    }
    return text.toString();
  }
}
