package io.fleetwright.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static void assertRejected(String yaml, String... fragments) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
    for (String fragment : fragments) {
      assertTrue(
          e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }

  @Test
  void aGoProvisionerConfigLoadsUnchanged() {
    ProvisionerConfig c =
        ConfigLoader.parse(
            """
            workers: 2
            interval: 1m
            logfile: stdout
            loglevel: debug
            helper: /opt/lab/helper.sh
            token: s3cret
            choria_insecure: true
            site: lab
            monitor_port: 0
            broker_port: 4222
            rego_policy: /etc/x.rego
            leader_election: false
            features:
              jwt: true
              pki: false
              ed25519: false
            jwt_verify_cert: /opt/lab/etc/prov-signer.public
            """);
    assertEquals(2, c.workers());
    assertEquals(Duration.ofMinutes(1), c.interval());
    assertEquals("/opt/lab/helper.sh", c.helper().orElseThrow());
    assertEquals("s3cret", c.token().value());
    assertEquals("lab", c.site());
    assertTrue(c.features().jwt());
    assertFalse(c.features().pki());
  }

  @Test
  void anEmptyConfigGivesTheDocumentedDefaults() {
    ProvisionerConfig c = ConfigLoader.parse("");
    assertEquals("provision_mode_server", c.lifecycleComponent());
    assertEquals(ConfigLoader.DEFAULT_CERT_DENY_LIST, c.certDenyList());
    assertEquals(Duration.ofSeconds(10), c.helperTimeout());
    assertEquals("127.0.0.1:7233", c.temporal().target());
    assertEquals("provisioning", c.temporal().taskQueue());
    assertEquals(List.of("nats://127.0.0.1:4222"), c.nats().servers());
    assertEquals(Duration.ofSeconds(30), c.defer().initialDelay());
    assertEquals("stdout", c.logfile());
  }

  @Test
  void theTokenNeverAppearsWhenTheConfigIsPrinted() {
    ProvisionerConfig c = ConfigLoader.parse("token: hunter2\nbroker_provisioning_password: pw9\n");
    assertFalse(c.toString().contains("hunter2"), c.toString());
    assertFalse(c.toString().contains("pw9"), c.toString());
  }

  @Test
  void anUnknownKeyIsNamedWithTheValidOnes() {
    assertRejected("workres: 4\n", "unknown key workres", "workers");
    assertRejected("temporal:\n  tarqet: x:1\n", "unknown key temporal.tarqet", "target");
  }

  @Test
  void badValuesNameTheKeyAndGiveAnExample() {
    assertRejected("workers: many\n", "workers must be a whole number", "workers: 32");
    assertRejected("interval: soon\n", "interval", "10m");
    assertRejected("loglevel: loud\n", "loglevel", "loglevel: info");
    assertRejected("lifecycle_component: a.b\n", "lifecycle_component", "provision_mode_server");
    assertRejected("cert_deny_list: ['(']\n", "cert_deny_list entry '('", "not a valid regular");
    assertRejected("temporal:\n  target: nohost\n", "temporal.target must be host:port");
    assertRejected("nats:\n  servers: [http://x]\n", "nats.servers entry 'http://x'");
    assertRejected("features:\n  pki: yes-please\n", "features.pki must be true or false");
    assertRejected("defer:\n  jitter: 3\n", "defer.jitter", "0.2");
    assertRejected("helper_runtime: ruby\n", "helper_runtime", "auto");
    assertRejected("- a\n- b\n", "must be a mapping");
    assertRejected("workers: [\n", "not valid YAML");
  }

  @Test
  void featureRulesFollowTheGoProvisioner() {
    assertRejected(
        "features: {pki: true, ed25519: true}\njwt_signing_key: /k\njwt_verify_cert: ab\n",
        "cannot both be on");
    assertRejected("features: {jwt: true}\n", "features.jwt needs jwt_verify_cert");
    ProvisionerConfig c =
        ConfigLoader.parse(
            "features: {ed25519: true}\njwt_signing_key: /k\njwt_verify_cert: abcd\n");
    assertTrue(c.features().jwt(), "ed25519 implies jwt");
  }

  @Test
  void approvalWaitsADayThenDefersUnlessConfiguredOtherwise() {
    assertEquals(Duration.ofDays(1), ConfigLoader.parse("").approval().timeout());
    assertFalse(ConfigLoader.parse("").approval().failOnTimeout());
    ProvisionerConfig c = ConfigLoader.parse("approval:\n  timeout: 4h\n  on_timeout: fail\n");
    assertEquals(Duration.ofHours(4), c.approval().timeout());
    assertTrue(c.approval().failOnTimeout());
    assertRejected(
        "approval:\n  on_timeout: ignore\n",
        "approval.on_timeout must be defer or fail, got 'ignore'",
        "approval.on_timeout: defer");
    assertRejected("approval:\n  timeout: soon\n", "approval.timeout", "1d");
  }

  @Test
  void failedRetryBackOffDefaultsToFiveMinutesAndCanBeTurnedOff() {
    assertEquals(Duration.ofMinutes(5), ConfigLoader.parse("").failedRetry().backoff());
    assertTrue(ConfigLoader.parse("").failedRetry().on());
    assertEquals(
        Duration.ofSeconds(30),
        ConfigLoader.parse("failed_retry:\n  backoff: 30s\n").failedRetry().backoff());
    for (String off : List.of("off", "\"off\"", "0", "false", "\"0\"")) {
      ProvisionerConfig c = ConfigLoader.parse("failed_retry:\n  backoff: " + off + "\n");
      assertFalse(c.failedRetry().on(), off + " gave " + c.failedRetry());
    }
    assertRejected(
        "failed_retry:\n  backoff: 500ms\n",
        "failed_retry.backoff must be at least 1s",
        "failed_retry.backoff: 5m (or off)");
    assertRejected("failed_retry:\n  backoff: soon\n", "failed_retry.backoff", "90s");
    assertRejected("failed_retry:\n  backof: 1m\n", "unknown key failed_retry.backof", "backoff");
  }

  @Test
  void choriaDurationsParse() {
    assertEquals(Duration.ofDays(1), Durations.parse("k", "1d"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("k", "1h30m"));
    assertEquals(Duration.ofMillis(250), Durations.parse("k", "250ms"));
    assertThrows(ConfigException.class, () -> Durations.parse("k", "10 minutes"));
  }

  @Test
  void aMissingFileIsNamed() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nope/p.yaml")));
    assertTrue(e.getMessage().contains("/nope/p.yaml"), e.getMessage());
  }
}
