package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.api.WorkflowIds;
import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.FleetNode;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.fleet.ProvisioningJwts;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.testing.ThreadDumps;
import io.fleetwright.tools.demo.CertificateCheck;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With the payload codec on, a node's whole workflow history, read without the codec, shows no
 * token, JWT or private key, while the node still gets its certificate, CA and decrypted key.
 */
class SecretsOutOfHistoryIT {
  private static final int NODES = 4;
  private static final String TOKEN = "it-token-7d1e9c";

  @Test
  void historyReadWithoutTheCodecHoldsNoSecrets(@TempDir Path dir) throws Exception {
    byte[] keyDer = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
    String keyBody = Base64.getEncoder().encodeToString(keyDer);
    String keyPem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyDer)
            + "\n-----END PRIVATE KEY-----\n";
    Path helper = dir.resolve("keyed.js");
    Files.writeString(helper, helperScript(keyPem));
    byte[] seed = new byte[32];
    seed[0] = 9;
    String verifyKey =
        HexFormat.of()
            .formatHex(new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
    Path codecKey = dir.resolve("codec.key");
    Files.writeString(codecKey, Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'Q'));
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      ProvisionerConfig config =
          ConfigLoader.parse(
              """
              helper: "%s"
              token: %s
              site: it
              identity: fleetwright.secrets-it
              interval: 1h
              loglevel: debug
              jwt_verify_cert: "%s"
              features: {pki: true, jwt: true}
              ca: {dir: "%s"}
              codec: {key_file: "%s"}
              temporal: {target: "%s"}
              nats: {servers: ["%s"]}
              """
                  .formatted(
                      helper,
                      TOKEN,
                      verifyKey,
                      dir.resolve("ca"),
                      codecKey,
                      temporal.target(),
                      nats.url()));
      try (Provisioner provisioner = Provisioner.start(config);
          Fleet fleet =
              Fleet.builder()
                  .nodes(NODES)
                  .natsUrl(nats.url())
                  .token(TOKEN)
                  .seed(3)
                  .splayScale(0.02)
                  .jwtSource(ProvisioningJwts.ed25519(seed))
                  .build()
                  .start()) {
        Await.until(
            Duration.ofMinutes(3),
            () -> fleet.count(NodeMode.PROVISIONED) == NODES,
            () -> "modes " + fleet.countsByMode() + ", states " + statesOf(provisioner),
            () -> ThreadDumps.printThisJvm("nodes not provisioned in time"));

        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
        try {
          WorkflowClient plain =
              WorkflowClient.newInstance(
                  stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
          for (FleetNode node : fleet.nodes()) {
            byte[] history =
                plain.fetchHistory(WorkflowIds.node(node.identity())).getHistory().toByteArray();
            assertNoSecret(node.identity(), history, "PRIVATE KEY");
            assertNoSecret(node.identity(), history, TOKEN);
            assertNoSecret(node.identity(), history, "eyJ");
            assertNoSecret(node.identity(), history, keyBody.substring(100, 140));
            assertNoSecret(node.identity(), history, "BEGIN CERTIFICATE");
            assertTrue(
                history.length > 1000, node.identity() + " history is only " + history.length);

            assertTrue(CertificateCheck.verifies(node), node.identity() + " certificate");
            String delivered = node.deliveredKey().orElseThrow();
            assertArrayEquals(keyDer, pemDer(delivered), node.identity() + " delivered key");
          }
        } finally {
          stubs.shutdownNow();
        }
      }
    } finally {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }
    List<String> leaked =
        logs.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .filter(m -> m.contains(TOKEN) || m.contains("PRIVATE KEY") || m.contains("eyJ"))
            .toList();
    assertFalse(logs.list.isEmpty(), "no log events were captured");
    assertEquals(List.of(), leaked, "log lines with secrets");
  }

  private static void assertNoSecret(String identity, byte[] history, String secret) {
    String text = new String(history, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(secret);
    assertEquals(
        -1,
        at,
        () ->
            identity
                + "'s history shows '"
                + secret
                + "' in plain text: ..."
                + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80)));
  }

  private static byte[] pemDer(String pem) {
    String body =
        pem.lines()
            .filter(l -> !l.startsWith("-----") && !l.contains(":"))
            .reduce("", String::concat);
    return Base64.getDecoder().decode(body.strip());
  }

  private static String statesOf(Provisioner provisioner) {
    try {
      return provisioner.operator().countsByState().toString();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ((Logger) LoggerFactory.getLogger("io.fleetwright")).setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    return appender;
  }

  private static String helperScript(String keyPem) throws Exception {
    return """
        function provision(host) {
          const ssldir = host.csr.ssldir;
          return {
            defer: false,
            msg: "keyed " + host.identity,
            sign_csr: true,
            ssldir: ssldir,
            key: %s,
            configuration: {
              "identity": host.identity,
              "plugin.choria.server.provision": "false",
              "plugin.security.provider": "file",
              "plugin.security.file.certificate": ssldir + "/certificate.pem",
              "plugin.security.file.key": ssldir + "/private.pem",
              "plugin.security.file.ca": ssldir + "/ca.pem"
            }
          };
        }
        """
        .formatted(new ObjectMapper().writeValueAsString(keyPem));
  }
}
