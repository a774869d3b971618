package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.Provisioner;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.broker.BrokerLogin;
import io.fleetwright.app.cli.Main;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.NatsServerOptions;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.fleet.Fleet;
import io.fleetwright.fleet.NodeMode;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Choria-like provisioning broker: a TLS-only nats-server that verifies client certificates, with
 * a provisioning account holding the {@code provisioner} user (password), the nodes' user, an nkey
 * user and a credentials-file user. Nodes are provisioned through it, and a wrong password or an
 * untrusted broker certificate stops {@code run} with one line naming the broker and the setting.
 */
class SecureBrokerIT {
  private static final String PASSWORD = "prov-s3cret";
  private static final int NODES = 10;

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki rogue;
  private static TestPki.Issued client;
  private static NKey nkeyUser;
  private static NKey credsUser;
  private static NKey account;
  private static NatsServer nats;
  private static TemporalDevServer temporal;

  @BeforeAll
  static void startSecureBroker() throws Exception {
    pki = TestPki.create(dir.resolve("pki"), "it-broker-ca");
    rogue = TestPki.create(dir.resolve("rogue"), "rogue-ca");
    TestPki.Issued server = pki.issue("broker.it");
    client = pki.issue("provisioner.it");
    SecureRandom random = new SecureRandom();
    nkeyUser = NKey.createUser(random);
    credsUser = NKey.createUser(random);
    account = NKey.createAccount(random);
    String conf =
        """
        tls {
          cert_file: "%s"
          key_file: "%s"
          ca_file: "%s"
          verify: true
          timeout: 5
        }
        accounts {
          PROVISIONING {
            users: [
              {user: provisioner, password: "%s"}
              {user: node, password: "node-s3cret"}
              {nkey: "%s"}
              {nkey: "%s"}
            ]
          }
        }
        """
            .formatted(
                server.certFile(),
                server.keyFile(),
                pki.caFile(),
                PASSWORD,
                new String(nkeyUser.getPublicKey()),
                new String(credsUser.getPublicKey()));
    nats = NatsServer.start(NatsServerOptions.builder().extraConfig(conf).build());
    temporal = Fixtures.startTemporal();
  }

  @AfterAll
  static void stop() {
    if (temporal != null) {
      temporal.close();
    }
    if (nats != null) {
      nats.close();
    }
  }

  private static String tlsUrl() {
    return "tls://127.0.0.1:" + nats.port();
  }

  private static String config(String login, Path ca, String queue) {
    return """
        helper: "%s"
        identity: fleetwright.secure.it
        interval: 1h
        loglevel: warn
        %s
        temporal:
          target: "%s"
          task_queue: %s
        nats:
          servers: ["%s"]
          tls: {ca: "%s", cert: "%s", key: "%s"}
        """
        .formatted(
            Path.of("../helpers/examples/provision.sh").toAbsolutePath().normalize(),
            login,
            temporal.target(),
            queue,
            tlsUrl(),
            ca,
            client.certFile(),
            client.keyFile());
  }

  private static Fleet fleet(String pattern, int nodes) throws Exception {
    SSLContext tls = pki.clientContext(pki.issue("fleet.it"));
    return Fleet.builder()
        .nodes(nodes)
        .natsUrl(tlsUrl())
        .identityPattern(pattern)
        .brokerOptions(o -> o.userInfo("node", "node-s3cret").sslContext(tls))
        .splayScale(0.01)
        .build()
        .start();
  }

  @Test
  void nodesAreProvisionedThroughATlsOnlyBrokerWithTheProvisioningPassword() throws Exception {
    ProvisionerConfig config =
        ConfigLoader.parse(
            config("broker_provisioning_password: " + PASSWORD, pki.caFile(), "secure-password"));
    try (Provisioner provisioner = Provisioner.start(config);
        Fleet fleet = fleet("node-%05d.password.secure.example.net", NODES)) {
      Await.until(
          Duration.ofMinutes(2),
          () -> fleet.count(NodeMode.PROVISIONED) == NODES,
          () -> "provisioned " + fleet.count(NodeMode.PROVISIONED) + " of " + NODES);
      Await.until(
          Duration.ofMinutes(1),
          () ->
              Long.valueOf(NODES).equals(provisioner.operator().countsByState().get("PROVISIONED")),
          () -> "states in Temporal " + provisioner.operator().countsByState());
    }
  }

  @Test
  void aCredentialsFileAndAnNkeySeedLogInToTheProvisioningAccount() throws Exception {
    Path seed = dir.resolve("user.nk");
    Files.writeString(seed, new String(nkeyUser.getSeed()) + "\n");
    Path creds = dir.resolve("user.creds");
    String jwt =
        JwtUtils.issueUserJWT(
            account, new String(account.getPublicKey()), new String(credsUser.getPublicKey()));
    Files.writeString(
        creds,
        "-----BEGIN NATS USER JWT-----\n"
            + jwt
            + "\n------END NATS USER JWT------\n\n"
            + "-----BEGIN USER NKEY SEED-----\n"
            + new String(credsUser.getSeed())
            + "\n------END USER NKEY SEED------\n");
    try (Fleet fleet = fleet("node-%05d.keys.secure.example.net", 3)) {
      for (String login :
          new String[] {"nkey: \"" + seed + "\"", "credentials: \"" + creds + "\""}) {
        ProvisionerConfig config =
            ConfigLoader.parse(
                config("", pki.caFile(), "secure-keys")
                    .replace("  servers:", "  " + login + "\n  servers:"));
        try (ChoriaClient choria =
            BrokerLogin.connect(
                BrokerLogin.builder(config.nats()).identity("fleetwright.keys.it"),
                config.nats())) {
          Set<String> found = choria.discover(Duration.ofSeconds(2));
          assertEquals(3, found.size(), login + " discovered " + found);
        }
      }
    }
  }

  @Test
  void aWrongPasswordStopsRunWithOneLineNamingTheBrokerAndTheSetting() throws Exception {
    String err = run(config("broker_provisioning_password: wrong", pki.caFile(), "secure-wrong"));
    assertOneLine(err, "broker_provisioning_password");
  }

  @Test
  void anUntrustedBrokerCertificateStopsRunWithOneLineNamingTheBrokerAndTheSetting()
      throws Exception {
    String err =
        run(config("broker_provisioning_password: " + PASSWORD, rogue.caFile(), "secure-rogue"));
    assertOneLine(err, "nats.tls.ca");
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefusedNamingNatsServers() throws Exception {
    TestPki.Issued elsewhere =
        pki.issue(
            "elsewhere.it",
            new org.bouncycastle.asn1.x509.GeneralName(
                org.bouncycastle.asn1.x509.GeneralName.dNSName, "broker.elsewhere.example"));
    try (NatsServer other =
        NatsServer.start(
            NatsServerOptions.builder()
                .extraConfig(
                    "tls {\n  cert_file: \"%s\"\n  key_file: \"%s\"\n}\n"
                        .formatted(elsewhere.certFile(), elsewhere.keyFile()))
                .build())) {
      ProvisionerConfig config =
          ConfigLoader.parse(
              "nats:\n  servers: [\"tls://127.0.0.1:%d\"]\n  tls: {ca: \"%s\"}\n"
                  .formatted(other.port(), pki.caFile()));
      io.fleetwright.app.ConfigException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.fleetwright.app.ConfigException.class,
              () ->
                  BrokerLogin.connect(
                      BrokerLogin.builder(config.nats()).identity("fleetwright.host.it"),
                      config.nats()));
      System.out.println("SecureBrokerIT: wrong host: " + e.getMessage());
      assertTrue(e.getMessage().contains("for another host"), e.getMessage());
      assertTrue(e.getMessage().contains("nats.servers"), e.getMessage());
    }
  }

  @Test
  void noLoginAndNoTlsEachGetALineNamingWhatToSet() throws Exception {
    String noLogin =
        refused(
            "nats:\n  servers: [\"%s\"]\n  tls: {ca: \"%s\", cert: \"%s\", key: \"%s\"}\n"
                .formatted(tlsUrl(), pki.caFile(), client.certFile(), client.keyFile()));
    assertTrue(noLogin.contains("the broker wants a login"), noLogin);
    assertTrue(noLogin.contains("broker_provisioning_password"), noLogin);
    String noTls =
        refused(
            "broker_provisioning_password: %s\nnats:\n  servers: [\"nats://127.0.0.1:%d\"]\n"
                .formatted(PASSWORD, nats.port()));
    assertTrue(noTls.contains("requires TLS"), noTls);
    assertTrue(noTls.contains("tls://"), noTls);
  }

  private static String refused(String yaml) {
    ProvisionerConfig config = ConfigLoader.parse(yaml);
    RuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class,
            () ->
                BrokerLogin.connect(
                    BrokerLogin.builder(config.nats()).identity("fleetwright.refused.it"),
                    config.nats()));
    System.out.println("SecureBrokerIT: refused: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static String run(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(file, yaml);
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute("run", "--config", file.toString());
    assertEquals(1, code, "exit code; stderr: " + err);
    return err.toString();
  }

  private static void assertOneLine(String err, String setting) {
    String text = err.strip();
    System.out.println("SecureBrokerIT: run said: " + text);
    assertFalse(text.contains("\n"), "more than one line:\n" + err);
    assertTrue(text.contains(tlsUrl()), "the line names the broker: " + text);
    assertTrue(text.contains(setting), "the line names " + setting + ": " + text);
    assertFalse(text.contains("Exception"), "no exception class in: " + text);
  }
}
