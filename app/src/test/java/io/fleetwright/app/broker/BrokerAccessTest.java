package io.fleetwright.app.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.fleetwright.protocol.BrokerConnectException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerAccessTest {
  private static final String NATS =
      """
      broker_provisioning_password: prov-s3cret
      nats:
        servers: [tls://prov1:4222]
        tls: {ca: /etc/prov-ca.pem, cert: /etc/prov.pem, key: /etc/prov.key}
      """;

  private static BrokerAccess main(String yaml) {
    return BrokerAccess.mainCollective(ConfigLoader.parse(yaml));
  }

  @Test
  void aMainCollectiveWithoutSettingsOfItsOwnUsesTheNatsLoginAndTls() {
    BrokerAccess main = main(NATS);

    assertEquals("main_collective", main.section());
    assertEquals(List.of("tls://prov1:4222"), main.servers());
    assertEquals(Optional.of("provisioner"), main.user());
    assertEquals("prov-s3cret", main.password().value());
    assertEquals("nats", main.loginSection());
    assertEquals(Optional.of(Path.of("/etc/prov-ca.pem")), main.tls().ca());
    assertEquals("nats", main.caSection());
    assertEquals("nats", main.certSection());
  }

  @Test
  void itsOwnLoginReplacesTheNatsLoginAsAWholeAndEachTlsFileFallsBackOnItsOwn() {
    BrokerAccess main =
        main(
            NATS
                + """
                main_collective:
                  servers: [tls://main1:4222]
                  credentials: /etc/main.creds
                  tls: {ca: /etc/main-ca.pem}
                """);

    assertEquals(List.of("tls://main1:4222"), main.servers());
    assertEquals(Optional.of(Path.of("/etc/main.creds")), main.credentials());
    assertFalse(main.password().isSet(), "the provisioning password is not sent as well");
    assertEquals(Optional.empty(), main.user());
    assertEquals("main_collective", main.loginSection());
    assertEquals(Optional.of(Path.of("/etc/main-ca.pem")), main.tls().ca());
    assertEquals("main_collective", main.caSection());
    assertEquals(Optional.of(Path.of("/etc/prov.pem")), main.tls().cert());
    assertEquals("nats", main.certSection());
  }

  @Test
  void aPasswordWithoutAUserLogsInAsTheProvisioningUserAsNatsDoes() {
    BrokerAccess main = main("main_collective: {password: m4in}\n");
    assertEquals(Optional.of("provisioner"), main.user());
    assertEquals(
        Optional.of("fleetwright"),
        main("main_collective: {user: fleetwright, password: m4in}\n").user());
  }

  @Test
  void aRefusedLoginNamesTheMainCollectiveKeysAndNeverThePassword() {
    String own =
        BrokerLogin.fix(
            Reason.AUTHORIZATION, main("main_collective: {user: fleetwright, password: m4in}\n"));
    assertTrue(own.contains("fix main_collective.user and main_collective.password"), own);
    assertTrue(own.contains("user fleetwright"), own);
    assertFalse(own.contains("m4in"), own);

    String inherited = BrokerLogin.fix(Reason.AUTHORIZATION, main(NATS));
    assertTrue(inherited.contains("main_collective sets no login of its own"), inherited);
    assertTrue(inherited.contains("broker_provisioning_password, user provisioner"), inherited);
    assertTrue(inherited.contains("main_collective.credentials"), inherited);
    assertFalse(inherited.contains("prov-s3cret"), inherited);

    String provisioning =
        BrokerLogin.fix(
            Reason.AUTHORIZATION, BrokerAccess.provisioning(ConfigLoader.parse(NATS).nats()));
    assertTrue(provisioning.startsWith("fix broker_provisioning_password"), provisioning);
  }

  @Test
  void tlsProblemsNameTheMainCollectiveKeysAndWhereAnInheritedFileCameFrom() {
    BrokerAccess main = main(NATS + "main_collective: {servers: [tls://main1:4222]}\n");

    String untrusted = BrokerLogin.fix(Reason.UNTRUSTED_CERTIFICATE, main);
    assertTrue(untrusted.startsWith("set main_collective.tls.ca to the CA"), untrusted);
    assertTrue(untrusted.contains("/etc/prov-ca.pem, taken from nats.tls.ca"), untrusted);
    String host = BrokerLogin.fix(Reason.WRONG_HOST, main);
    assertTrue(host.contains("main_collective.servers"), host);
    String required = BrokerLogin.fix(Reason.TLS_REQUIRED, main);
    assertTrue(required.contains("tls:// in main_collective.servers"), required);
    String handshake = BrokerLogin.fix(Reason.TLS_HANDSHAKE, main);
    assertTrue(handshake.contains("(unset ones are taken from nats.tls)"), handshake);
  }

  @Test
  void theProvisioningConnectionKeepsItsMessages() {
    ProvisionerConfig config = ConfigLoader.parse(NATS);
    BrokerAccess nats = BrokerAccess.provisioning(config.nats());
    assertEquals(
        "set nats.tls.ca to the CA that signed the broker's certificate (now /etc/prov-ca.pem)",
        BrokerLogin.fix(Reason.UNTRUSTED_CERTIFICATE, nats));
    assertEquals(
        "use tls:// in nats.servers or set nats.tls.ca",
        BrokerLogin.fix(Reason.TLS_REQUIRED, nats));
  }
}
