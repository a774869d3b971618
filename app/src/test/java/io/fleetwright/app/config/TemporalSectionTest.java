package io.fleetwright.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.ProvisionerConfig.Temporal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code temporal:} section over Temporal's own env-config: variables and TOML profiles. */
class TemporalSectionTest {
  @TempDir Path dir;

  /** An environment whose TOML file does not exist, so the user's own profile never leaks in. */
  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", dir.resolve("none.toml").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Temporal temporal(String yaml, Map<String, String> env) {
    return ConfigLoader.parse(yaml, env).temporal();
  }

  private static void assertMentions(RuntimeException e, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(
          e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }

  @Test
  void withNothingSetTheConnectionIsPlainToTheLocalDefault() {
    Temporal t = temporal("", env());
    assertEquals("127.0.0.1:7233", t.target());
    assertEquals("default", t.namespace());
    assertFalse(t.tls().enabled());
    assertFalse(t.apiKey().isSet());
    assertEquals("plain text", t.security());
  }

  @Test
  void temporalsVariablesApplyWhereTheYamlSaysNothing() {
    Temporal t =
        temporal(
            "",
            env(
                "TEMPORAL_ADDRESS", "ns1.acct.tmprl.cloud:7233",
                "TEMPORAL_NAMESPACE", "ns1.acct",
                "TEMPORAL_API_KEY", "key-from-env"));
    assertEquals("ns1.acct.tmprl.cloud:7233", t.target());
    assertEquals("ns1.acct", t.namespace());
    assertEquals("key-from-env", t.apiKey().value());
    assertTrue(t.tls().enabled(), "an API key turns TLS on, as in Temporal's SDKs");
  }

  @Test
  void theYamlWinsOverTheVariables() {
    Temporal t =
        temporal(
            "temporal: {target: 'yaml.example:7233', namespace: fromyaml}",
            env("TEMPORAL_ADDRESS", "env.example:7233", "TEMPORAL_NAMESPACE", "fromenv"));
    assertEquals("yaml.example:7233", t.target());
    assertEquals("fromyaml", t.namespace());
  }

  @Test
  void aTomlProfileIsReadAndTheVariablesOverrideIt() throws IOException {
    Path ca = file("ca.pem", "x");
    Path toml =
        file(
            "temporal.toml",
            """
            [profile.default]
            address = "default.example:7233"

            [profile.prod]
            address = "prod.example:7233"
            namespace = "prod"
            [profile.prod.tls]
            server_ca_cert_path = "%s"
            server_name = "frontend.prod"
            """
                .formatted(ca));
    Map<String, String> env =
        Map.of(
            "TEMPORAL_CONFIG_FILE", toml.toString(),
            "TEMPORAL_PROFILE", "prod",
            "TEMPORAL_NAMESPACE", "override");
    Temporal t = temporal("", env);
    assertEquals("prod.example:7233", t.target());
    assertEquals("override", t.namespace());
    assertTrue(t.tls().enabled());
    assertEquals(ca, t.tls().caFile().orElseThrow());
    assertEquals("frontend.prod", t.tls().serverName().orElseThrow());
  }

  @Test
  void aMissingProfileIsAnErrorNamingTheFileAndTheVariable() throws IOException {
    Path toml = file("t.toml", "[profile.default]\naddress = \"a:1\"\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                temporal(
                    "",
                    Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "nope")));
    assertMentions(e, toml.toString(), "nope", "TEMPORAL_PROFILE");
  }

  @Test
  void yamlTlsFilesTurnTlsOnAndWinOverTheVariables() throws IOException {
    Path ca = file("ca.pem", "x");
    Path cert = file("c.pem", "x");
    Path key = file("c.key", "x");
    Temporal t =
        temporal(
            """
            temporal:
              tls:
                ca_file: %s
                cert_file: %s
                key_file: %s
                server_name: frontend.example
            """
                .formatted(ca, cert, key),
            env("TEMPORAL_TLS_SERVER_NAME", "other.example"));
    assertTrue(t.tls().enabled());
    assertTrue(t.tls().mutual());
    assertEquals("mTLS", t.security());
    assertEquals(cert, t.tls().certFile().orElseThrow());
    assertEquals("frontend.example", t.tls().serverName().orElseThrow());
  }

  @Test
  void tlsCanBeTurnedOffEvenWithAnApiKey() {
    Temporal t = temporal("temporal: {tls: {enabled: false}}", env("TEMPORAL_API_KEY", "k"));
    assertFalse(t.tls().enabled());
    assertTrue(t.apiKey().isSet());
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedNamingBothSettings() throws IOException {
    Path cert = file("c.pem", "x");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> temporal("temporal: {tls: {cert_file: " + cert + "}}", env()));
    assertMentions(e, "temporal.tls.key_file", "TEMPORAL_TLS_CLIENT_KEY_PATH");
  }

  @Test
  void aMissingCaFileIsRefusedNamingTheSetting() {
    Path missing = dir.resolve("missing-ca.pem");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> temporal("temporal: {tls: {ca_file: " + missing + "}}", env()));
    assertMentions(e, "temporal.tls.ca_file", missing.toString(), "does not exist");
  }

  @Test
  void anApiKeyInThePlainYamlIsRefused() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> temporal("temporal: {api_key: sekret}", env()));
    assertMentions(e, "temporal.api_key_file", "TEMPORAL_API_KEY");
    assertFalse(e.getMessage().contains("sekret"), e.getMessage());
  }

  @Test
  void theApiKeyFileIsReadAndNeverPrinted() throws IOException {
    Path key = file("temporal.key", "  the-secret-key\n");
    ProvisionerConfig c =
        ConfigLoader.parse(
            "temporal: {api_key_file: " + key + "}", env("TEMPORAL_API_KEY", "from-env"));
    assertEquals("the-secret-key", c.temporal().apiKey().value());
    assertTrue(c.temporal().tls().enabled());
    assertFalse(c.toString().contains("the-secret-key"), c.toString());
    assertEquals("TLS with an API key", c.temporal().security());
  }

  @Test
  void aBadAddressFromTheEnvironmentNamesTheVariable() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> temporal("", env("TEMPORAL_ADDRESS", "no-port-here")));
    assertMentions(e, "TEMPORAL_ADDRESS", "no-port-here");
  }
}
