package io.fleetwright.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.testing.TinyDnsServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Go provisioner's {@code provisioner.yaml} and {@code choria.cfg} load unchanged, or the one key
 * we cannot honour is named with the fix.
 */
class ChoriaClientConfigTest {
  private static final SrvLookup NO_DNS =
      name -> {
        throw new AssertionError("no SRV lookup expected, got one for " + name);
      };

  @TempDir Path dir;

  private Path fixture(String name) throws IOException {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("go-provisioner/" + name)) {
      Path file = dir.resolve(name);
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private ProvisionerConfig load(Path yaml, Path cfg, SrvLookup srv) {
    return ConfigLoader.load(
        yaml, Optional.of(ChoriaClientConfig.read(cfg)), srv, Optional.of("temporal.lab:7233"));
  }

  @Test
  void aGoProvisionerYamlAndItsChoriaCfgLoadUnchanged() throws IOException {
    ProvisionerConfig config = load(fixture("provisioner.yaml"), fixture("choria.cfg"), NO_DNS);
    assertEquals(
        List.of("nats://nats1.example.net:4222", "nats://nats2.example.net:4222"),
        config.nats().servers());
    assertEquals("provisioner.example.net", config.identity());
    assertEquals("TEST", config.site());
    assertEquals(4, config.workers());
    assertEquals("s3cret", config.nats().password().value());
    assertEquals("temporal.lab:7233", config.temporal().target());
  }

  @Test
  void theSecurityProviderIsRefusedByNameWhenChoriaInsecureIsOff() throws IOException {
    String yaml = Files.readString(fixture("provisioner.yaml"));
    Path strict =
        file("strict.yaml", yaml.replace("choria_insecure: true", "choria_insecure: false"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(strict, fixture("choria.cfg"), NO_DNS));
    assertTrue(
        e.getMessage().contains("sets plugin.security.provider")
            && e.getMessage().contains("choria_insecure: true"),
        e.getMessage());
  }

  @Test
  void aKeyWeDoNotHonourIsNamedWithItsFileAndTheFix() throws IOException {
    Path cfg =
        file(
            "c.cfg",
            "plugin.choria.middleware_hosts = b:4222\nplugin.nats.credentials = /x.creds\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(fixture("provisioner.yaml"), cfg, NO_DNS));
    assertTrue(
        e.getMessage()
                .startsWith(
                    cfg + " sets plugin.nats.credentials, which this provisioner does not honour")
            && e.getMessage().contains("Remove the key"),
        e.getMessage());
  }

  @Test
  void aLineThatIsNotKeyEqualsValueIsNamedByNumber() throws IOException {
    Path cfg = file("c.cfg", "# brokers\nplugin.choria.middleware_hosts b:4222\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ChoriaClientConfig.read(cfg));
    assertTrue(e.getMessage().startsWith(cfg + " line 2 is not 'key = value'"), e.getMessage());
  }

  @Test
  void brokersComeFromSrvRecordsInTheSrvDomainInGoChoriasOrder() throws Exception {
    try (TinyDnsServer dns =
        new TinyDnsServer(
            Map.of(
                "_x-puppet-mcollective._tcp.lab.example",
                List.of(
                    new TinyDnsServer.Srv(20, 0, 4222, "backup.lab.example"),
                    new TinyDnsServer.Srv(10, 5, 4223, "main.lab.example"))))) {
      Path cfg = file("c.cfg", "plugin.choria.srv_domain = lab.example\n");
      ProvisionerConfig config =
          load(fixture("provisioner.yaml"), cfg, SrvLookup.dns(Optional.of(dns.address())));
      assertEquals(
          List.of("nats://main.lab.example:4223", "nats://backup.lab.example:4222"),
          config.nats().servers());
    }
  }

  @Test
  void anSrvDomainWithoutRecordsNamesBothRecordNames() throws Exception {
    try (TinyDnsServer dns = new TinyDnsServer(Map.of())) {
      Path cfg = file("c.cfg", "plugin.choria.srv_domain = nowhere.example\n");
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  load(
                      fixture("provisioner.yaml"), cfg, SrvLookup.dns(Optional.of(dns.address()))));
      assertTrue(
          e.getMessage()
              .contains(
                  "_mcollective-server._tcp.nowhere.example or _x-puppet-mcollective._tcp.nowhere.example"),
          e.getMessage());
    }
  }

  @Test
  void useSrvFalseTurnsTheLookupOff() throws IOException {
    Path cfg =
        file("c.cfg", "plugin.choria.srv_domain = lab.example\nplugin.choria.use_srv = false\n");
    ProvisionerConfig config = load(fixture("provisioner.yaml"), cfg, NO_DNS);
    assertEquals(List.of("nats://127.0.0.1:4222"), config.nats().servers());
  }

  @Test
  void brokersInBothFilesAreRefused() throws IOException {
    Path yaml = file("y.yaml", "nats: {servers: [\"nats://a:4222\"]}\n");
    Path cfg = file("c.cfg", "plugin.choria.middleware_hosts = b:4222\n");
    ConfigException e = assertThrows(ConfigException.class, () -> load(yaml, cfg, NO_DNS));
    assertTrue(e.getMessage().contains("keep one of them"), e.getMessage());
  }

  @Test
  void aMiddlewareHostWithoutAPortIsRefused() throws IOException {
    Path cfg = file("c.cfg", "plugin.choria.middleware_hosts = nats1.example.net\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(fixture("provisioner.yaml"), cfg, NO_DNS));
    assertTrue(e.getMessage().contains("'nats1.example.net' is not host:port"), e.getMessage());
  }
}
