package io.fleetwright.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.TestCas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real go-choria server provisioned by a built-in CA that is an intermediate signed by a root,
 * with a helper that returns an Action policy and an Open Policy Agent policy: the server gets the
 * whole chain, its certificate validates against the root through the intermediate, it restarts
 * into normal mode and joins the broker over TLS (the broker's certificate, too, is the
 * intermediate's), and it wrote both policies where its authorizers read them.
 */
class RealServerChainAndPoliciesIT {
  private static final String IDENTITY = "chain.interop.fleetwright";
  private static final String ACTION_POLICY = "policy default deny\nallow\t*\tping\t*\t*\n";

  @Test
  void aRealServerTakesAnIntermediateCaChainAndWritesTheHelpersPolicies(@TempDir Path dir)
      throws Exception {
    Path bin = ChoriaBinary.ensure();
    Path binary = bin.resolve("choria");
    TestCas.Ca root = TestCas.root("Fleetwright Interop Root");
    TestCas.Ca intermediate = TestCas.intermediate("Fleetwright Interop Sub", root);
    TestCas.writeFolder(dir.resolve("ca"), intermediate, intermediate.pem());
    Files.writeString(dir.resolve("ca").resolve("chain.pem"), root.pem());
    NatsServerOptions.Tls tls = BrokerTls.issue(dir.resolve("ca"), dir.resolve("broker"));
    try (NatsServer nats =
            NatsServer.start(
                NatsServerOptions.builder().binary(bin.resolve("nats-server")).tls(tls).build());
        TemporalDevServer temporal = Fixtures.startTemporal();
        WireTap tap = new WireTap(nats.url())) {
      String broker = "nats://" + BrokerTls.HOST + ":" + nats.port();
      Path jwt = RealServerProvisioningIT.provisioningJwt(binary, dir.resolve("jwt"), nats.url());
      String signer = Files.readString(jwt.resolveSibling("signer.public")).strip();
      String yaml =
          RealServerProvisioningIT.config(
              "interop-helper-policies.sh", dir, broker, temporal.target(), nats.url(), signer);
      RealServer server = null;
      try (InteropProvisioner provisioner = InteropProvisioner.start(yaml)) {
        server = RealServer.start(binary, IDENTITY, dir.resolve(IDENTITY), jwt);
        RealServer s = server;
        Await.until(
            Duration.ofMinutes(2),
            () ->
                RealServerProvisioningIT.restartedInNormalMode(tap, IDENTITY)
                    && provisioner.countsByState().getOrDefault("PROVISIONED", 0L) == 1,
            () -> RealServerProvisioningIT.progress(tap, List.of(s), provisioner));
        assertTrue(server.alive(), IDENTITY + " exited:\n" + server.log());
        ServerChecks.assertConfiguredByUs(server, broker);
        ServerChecks.assertLifecycle(tap.events(), IDENTITY);
        ServerChecks.assertCertificateMatchesItsOwnKey(server);
        assertChainLeadsToTheRoot(server, root, intermediate);
        assertPoliciesWritten(server);
        System.out.println(ServerChecks.summary(server, tap.events()));
      } finally {
        Path logs = Path.of("target", "interop-logs", "chain-and-policies");
        tap.dump(logs.resolve("broker-messages.txt"));
        if (server != null) {
          server.close();
          server.keepLogs(logs);
        }
      }
    }
  }

  /**
   * The server's {@code ca.pem} is the intermediate then the root, and its certificate validates
   * with the root as the only trust anchor and the intermediate taken from that file.
   */
  private static void assertChainLeadsToTheRoot(
      RealServer server, TestCas.Ca root, TestCas.Ca intermediate) throws Exception {
    Path ssl = server.sslDir();
    String caPem = Files.readString(ssl.resolve("ca.pem"));
    assertEquals(intermediate.pem() + root.pem(), caPem, IDENTITY + " ca.pem");
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> bundle = certificates(factory, caPem);
    List<X509Certificate> leaf =
        certificates(factory, Files.readString(ssl.resolve("certificate.pem")));
    assertEquals(1, leaf.size(), IDENTITY + " certificate.pem holds the node's certificate only");
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(bundle.get(1), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(factory.generateCertPath(List.of(leaf.get(0), bundle.get(0))), params);
  }

  /**
   * Both policies sit where the real server's authorizers read them ({@code
   * <configdir>/policies/<agent>.policy} and {@code <configdir>/policies/rego/<agent>.rego}),
   * folders 0700 and files 0400, as WIRE.md §4.3 says.
   */
  private static void assertPoliciesWritten(RealServer server) throws Exception {
    Path policies = server.configFile().resolveSibling("policies");
    Path action = policies.resolve("rpcutil.policy");
    Path rego = policies.resolve("rego").resolve("rpcutil.rego");
    assertEquals(ACTION_POLICY, Files.readString(action), action.toString());
    assertTrue(
        Files.readString(rego).startsWith("package io.choria.mcorpc.authpolicy\n"),
        rego + ": " + Files.readString(rego));
    assertEquals("rwx------", mode(policies), policies.toString());
    assertEquals("rwx------", mode(rego.getParent()), rego.getParent().toString());
    assertEquals("r--------", mode(action), action.toString());
    assertEquals("r--------", mode(rego), rego.toString());
    try (var files = Files.walk(policies)) {
      assertEquals(
          List.of("policies", "rego", "rpcutil.policy", "rpcutil.rego"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "only the helper's policies in " + policies);
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<X509Certificate> certificates(CertificateFactory factory, String pem)
      throws Exception {
    return factory
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .stream()
        .map(X509Certificate.class::cast)
        .toList();
  }
}
