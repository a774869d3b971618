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
    // No TEMPORAL_* variables and no TOML profile: the machine's own must not leak in.
    ProvisionerConfig c =
        ConfigLoader.parse("", java.util.Map.of("TEMPORAL_CONFIG_FILE", "/nonexistent/t.toml"));
    assertEquals("provision_mode_server", c.lifecycleComponent());
    assertEquals(ConfigLoader.DEFAULT_CERT_DENY_LIST, c.certDenyList());
    assertEquals(Duration.ofSeconds(10), c.helperTimeout());
    assertEquals("127.0.0.1:7233", c.temporal().target());
    assertEquals("provisioning", c.temporal().taskQueue());
    assertEquals(List.of("nats://127.0.0.1:4222"), c.nats().servers());
    assertEquals(Duration.ofSeconds(30), c.defer().initialDelay());
    assertEquals("stdout", c.logfile());
    assertEquals("text", c.logformat());
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
    assertRejected("logformat: xml\n", "logformat must be text or json", "logformat: json");
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
  void theCaRateLimitIsOffByDefaultAndRoutesToTheCaQueueWhenSet() {
    ProvisionerConfig off = ConfigLoader.parse("ca: {dir: /var/lib/ca}\n");
    assertEquals(ProvisionerConfig.CaLimit.OFF, off.caLimit());
    assertEquals(null, ProvisionInputs.caRoute(off));

    ProvisionerConfig builtIn =
        ConfigLoader.parse(
            "ca: {dir: /var/lib/ca, rate_limit: 2.5}\ntemporal: {task_queue: prov}\n");
    assertEquals(new ProvisionerConfig.CaLimit(2.5, false), builtIn.caLimit());
    assertEquals(
        new io.fleetwright.api.CaRoute("prov-ca", false), ProvisionInputs.caRoute(builtIn));

    ProvisionerConfig external =
        ConfigLoader.parse("ca: {rate_limit: 20, rate_limit_helper: true}\n");
    assertTrue(external.ca().isEmpty(), "no built-in CA without ca.dir");
    assertEquals(
        new io.fleetwright.api.CaRoute("provisioning-ca", true), ProvisionInputs.caRoute(external));
  }

  @Test
  void badCaRateLimitsNameTheKey() {
    assertRejected("ca: {dir: /c, rate_limit: fast}\n", "ca.rate_limit must be a number", "20");
    assertRejected("ca: {dir: /c, rate_limit: -1}\n", "ca.rate_limit must be a number from 0");
    assertRejected(
        "ca: {rate_limit: 5}\n", "ca.rate_limit is set without ca.dir", "ca.rate_limit_helper");
    assertRejected(
        "ca: {dir: /c, rate_limit_helper: true}\n",
        "ca.rate_limit_helper is set but ca.rate_limit is not");
    assertRejected("ca: {common_name: X}\n", "ca.dir is required");
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
  void upgradesAreReadWithTheGoProvisionersKeys() {
    ProvisionerConfig c =
        ConfigLoader.parse(
            """
            features: {upgrades: true}
            upgrades_repository: http://repo.example.net:8080/choria
            upgrades_optional: true
            upgrades_timeout: 3m
            """);
    assertEquals(
        new ProvisionerConfig.Upgrades(
            true, "http://repo.example.net:8080/choria", true, Duration.ofMinutes(3)),
        c.features().upgrades());
    assertEquals(
        new io.fleetwright.api.UpgradePolicy(
            true, "http://repo.example.net:8080/choria", true, Duration.ofMinutes(3)),
        ProvisionInputs.of(c, io.fleetwright.protocol.NodeIdentity.of("n1"), "cli")
            .features()
            .upgrades());
    assertFalse(ConfigLoader.parse("").features().upgrades().enabled());
    assertRejected(
        "features: {upgrades: true}\n", "features.upgrades needs upgrades_repository", "e.g.");
    assertRejected(
        "upgrades_repository: ftp://repo\n",
        "must be an http:// or https:// URL",
        "got 'ftp://repo'");
    assertTrue(
        ConfigLoader.parse("features: {upgrades: true}\nupgrades_optional: true\n")
            .features()
            .upgrades()
            .optional());
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
  void theBrokerLoginIsOneOfPasswordCredentialsOrNkeyAndTlsCertComesWithItsKey() {
    ProvisionerConfig c =
        ConfigLoader.parse(
            "broker_provisioning_password: pw\nnats:\n  servers: [tls://b1:4222]\n"
                + "  tls: {ca: /etc/ca.pem}\n");
    assertEquals("pw", c.nats().password().value());
    assertEquals(Path.of("/etc/ca.pem"), c.nats().tls().ca().orElseThrow());
    assertTrue(c.nats().usesTls());
    assertFalse(ConfigLoader.parse("").nats().usesTls());
    assertRejected(
        "broker_provisioning_password: pw\nnats:\n  nkey: /etc/u.nk\n",
        "broker_provisioning_password, nats.credentials and nats.nkey",
        "set only one");
    assertRejected("nats:\n  credentials: /etc/u.creds\n  nkey: /etc/u.nk\n", "set only one");
    assertRejected("nats:\n  tls: {cert: /etc/c.pem}\n", "nats.tls.cert and nats.tls.key");
    assertRejected("nats:\n  tls: {cafile: /etc/c.pem}\n", "unknown key nats.tls.cafile", "ca");
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

  @Test
  void theReadStepsRetryForThreeMinutesByDefaultAndForAsLongAsConfiguredFrom1mTo5m() {
    assertEquals(Duration.ofMinutes(3), ConfigLoader.parse("").readStepsBudget());
    assertEquals(
        Duration.ofSeconds(90), ConfigLoader.parse("read_steps_budget: 90s\n").readStepsBudget());
    assertRejected(
        "read_steps_budget: 30s\n",
        "read_steps_budget must be at least 1m",
        "e.g. read_steps_budget: 3m");
    assertRejected(
        "read_steps_budget: 10m\n",
        "read_steps_budget must be at most 5m, got 10m",
        "Temporal server ends after 30m");
  }

  @Test
  void renewalIsOffUntilBeforeExpiryIsSetAndThenReachesTheWorkflowInput() {
    ProvisionerConfig off = ConfigLoader.parse("");
    assertFalse(off.renewal().on());
    assertEquals(null, ProvisionInputs.renewal(off.renewal()));
    assertEquals(off.nats().servers(), off.mainCollective().servers());

    ProvisionerConfig on =
        ConfigLoader.parse(
            """
            renewal: {before_expiry: 30d, jitter: 0.2, return_wait: 1m}
            main_collective: {servers: [nats://main1:4222]}
            """);
    io.fleetwright.api.RenewalPolicy policy = ProvisionInputs.renewal(on.renewal());
    assertEquals(
        new io.fleetwright.api.RenewalPolicy(Duration.ofDays(30), 0.2, Duration.ofMinutes(1)),
        policy);
    assertEquals(List.of("nats://main1:4222"), on.mainCollective().servers());
    assertEquals(
        policy,
        ProvisionInputs.of(on, io.fleetwright.protocol.NodeIdentity.of("n1"), "cli").renewal());
  }

  @Test
  void aRenewalMarginUnderAnHourOrABrokerThatIsNoUrlIsRejected() {
    assertRejected("renewal: {before_expiry: 10m}\n", "renewal.before_expiry", "30d");
    assertRejected("main_collective: {servers: [main1]}\n", "main_collective.servers", "nats://");
  }
}
