package io.fleetwright.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.MainCollective;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainCollectiveSectionTest {
  private static void assertRejected(String yaml, String... fragments) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
    for (String fragment : fragments) {
      assertTrue(
          e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }

  @Test
  void anAbsentSectionSetsNothingOfItsOwnAndTakesTheServersOfNats() {
    ProvisionerConfig config =
        ConfigLoader.parse("broker_provisioning_password: p1\nnats: {servers: [nats://b1:4222]}\n");
    MainCollective main = config.mainCollective();

    assertEquals(List.of("nats://b1:4222"), main.servers());
    assertFalse(main.ownLogin());
    assertEquals(Optional.empty(), main.user());
    assertFalse(main.password().isSet());
    assertFalse(main.tls().configured());
  }

  @Test
  void readsAUserAndPasswordAndTlsFilesWithTheKeyNamesOfNats() {
    MainCollective main =
        ConfigLoader.parse(
                """
                main_collective:
                  servers: [tls://main1:4222]
                  user: fleetwright
                  password: m4in
                  tls: {ca: /etc/main-ca.pem, cert: /etc/prov.pem, key: /etc/prov.key}
                """)
            .mainCollective();

    assertEquals(Optional.of("fleetwright"), main.user());
    assertEquals("m4in", main.password().value());
    assertTrue(main.ownLogin());
    assertEquals(Optional.of(Path.of("/etc/main-ca.pem")), main.tls().ca());
    assertEquals(Optional.of(Path.of("/etc/prov.key")), main.tls().key());
    assertFalse(main.toString().contains("m4in"), main.toString());
  }

  @Test
  void readsACredentialsFileOrAnNkeySeed() {
    assertEquals(
        Optional.of(Path.of("/etc/main.creds")),
        ConfigLoader.parse("main_collective: {credentials: /etc/main.creds}\n")
            .mainCollective()
            .credentials());
    assertEquals(
        Optional.of(Path.of("/etc/main.nk")),
        ConfigLoader.parse("main_collective: {nkey: /etc/main.nk}\n").mainCollective().nkey());
  }

  @Test
  void twoLoginsAUserWithoutPasswordAndHalfAClientCertificateAreRejectedByKey() {
    assertRejected(
        "main_collective: {password: a, nkey: /etc/main.nk}\n",
        "main_collective.password, main_collective.credentials and main_collective.nkey",
        "set only one");
    assertRejected(
        "main_collective: {user: fleetwright}\n",
        "main_collective.user needs main_collective.password",
        "e.g. main_collective: {user: fleetwright, password: s3cret}");
    assertRejected(
        "main_collective: {tls: {cert: /etc/prov.pem}}\n",
        "main_collective.tls.cert and main_collective.tls.key go together");
    assertRejected(
        "main_collective: {login: x}\n",
        "unknown key main_collective.login",
        "user",
        "password",
        "credentials",
        "nkey",
        "tls");
    assertRejected(
        "main_collective: {tls: {ca_file: x}}\n", "unknown key main_collective.tls.ca_file");
  }

  @Test
  void theReferenceSaysThatUnsetKeysComeFromNats() {
    var keys = ConfigLoader.keysWithDefaults();
    assertEquals("the nats: login", keys.get("main_collective.password"));
    assertEquals("the nats: login", keys.get("main_collective.credentials"));
    assertEquals("provisioner with main_collective.password", keys.get("main_collective.user"));
    assertEquals("nats.tls.ca", keys.get("main_collective.tls.ca"));
    assertEquals("nats.servers", keys.get("main_collective.servers"));
  }
}
