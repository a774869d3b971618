package io.fleetwright.helpers;

import static io.fleetwright.helpers.TestHelpers.example;
import static io.fleetwright.helpers.TestHelpers.request;
import static io.fleetwright.helpers.TestHelpers.withCsr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.HelperInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every example helper runs through its runtime on the same inputs and gives the same reply. */
@Timeout(300)
class ExamplesTest {
  private static final String EU =
      "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222";
  private static final String US =
      "nats://nats-us1.example.net:4222,nats://nats-us2.example.net:4222";
  private static final String DEFAULT = "nats://nats.example.net:4222";

  private static final Map<String, HelperRunner> RUNNERS = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    RUNNERS.put("graaljs", create(example("provision.js").toString()));
    RUNNERS.put("graalpy", create(example("provision.py").toString()));
    RUNNERS.put("sh", create(example("provision.sh").toString()));
    RUNNERS.put("python3", create("python3 " + example("provision.py")));
  }

  private static HelperRunner create(String helper) {
    return HelperRunners.create(HelperConfig.builder().helper(helper).poolSize(2).build());
  }

  @AfterAll
  static void stop() {
    RUNNERS.values().forEach(HelperRunner::close);
  }

  /** Runs every example on the request, checks they agree, and returns the common reply. */
  private static HelperResponse sameReplyFromEveryExample(HelperInput request) {
    HelperResponse first = null;
    for (Map.Entry<String, HelperRunner> runner : RUNNERS.entrySet()) {
      HelperResponse reply = runner.getValue().run(request);
      if (first == null) {
        first = reply;
      } else {
        assertEquals(first, reply, runner.getKey() + " disagrees with graaljs on " + request);
      }
    }
    return first;
  }

  @Test
  void usesEveryRuntimeItShould() {
    assertEquals(
        List.of(
            HelperRuntime.JAVASCRIPT,
            HelperRuntime.PYTHON,
            HelperRuntime.SUBPROCESS,
            HelperRuntime.SUBPROCESS),
        RUNNERS.values().stream().map(HelperRunner::runtime).toList());
  }

  @Test
  void choosesTheBrokerByCountryAndHasTheCaSignTheCsr() {
    HelperResponse r =
        sameReplyFromEveryExample(
            withCsr("node1.example.net", "{\"facts\":{\"country\":\"de\"}}", "/etc/choria/ssl"));
    assertFalse(r.defer() || r.shutdown(), r.toString());
    assertTrue(r.signCsr(), r.toString());
    assertEquals("/etc/choria/ssl", r.ssldir());
    Map<String, String> c = r.configuration();
    assertEquals("false", c.get(HelperResponse.PROVISION_KEY));
    assertEquals(EU, c.get("plugin.choria.middleware_hosts"));
    assertEquals("node1.example.net", c.get("identity"));
    assertEquals("300", c.get("registerinterval"));
    assertEquals("file_content", c.get("registration"));
    assertEquals("file", c.get("plugin.security.provider"));
    assertEquals("/etc/choria/ssl/certificate.pem", c.get("plugin.security.file.certificate"));
    assertEquals("/etc/choria/ssl/private.pem", c.get("plugin.security.file.key"));
    assertEquals("/etc/choria/ssl/ca.pem", c.get("plugin.security.file.ca"));
  }

  @Test
  void normalisesTheCountryAndSkipsPkiWithoutACsr() {
    HelperResponse r =
        sameReplyFromEveryExample(
            request("node2.example.net", "{\"facts\":{\"country\":\" US \",\"os\":\"linux\"}}"));
    assertFalse(r.signCsr(), r.toString());
    assertEquals(US, r.configuration().get("plugin.choria.middleware_hosts"));
    assertFalse(r.configuration().containsKey("plugin.security.provider"), r.toString());
    assertEquals("false", r.configuration().get(HelperResponse.PROVISION_KEY));
  }

  @Test
  void fallsBackToTheDefaultBrokerForAnUnknownCountry() {
    HelperResponse r =
        sameReplyFromEveryExample(request("node3.example.net", "{\"facts\":{\"country\":\"jp\"}}"));
    assertEquals(DEFAULT, r.configuration().get("plugin.choria.middleware_hosts"));
  }

  @Test
  void defersANodeWithoutACountryFactAndSaysWhy() {
    for (String inventory :
        List.of("{\"facts\":{}}", "{}", "{\"facts\":{\"country\":42}}", "{\"facts\":null}")) {
      HelperResponse r = sameReplyFromEveryExample(request("node4.example.net", inventory));
      assertTrue(r.defer(), r.toString());
      assertTrue(r.msg().startsWith("node4.example.net: no 'country' fact"), r.msg());
    }
  }

  @Test
  void asksForTheChoriaVersionInAnUpgradeToFactAndForNoneWithout() {
    HelperResponse r =
        sameReplyFromEveryExample(
            request(
                "node5.example.net",
                "{\"facts\":{\"country\":\"nl\",\"upgrade_to\":\" 0.99.0 \"}}"));
    assertEquals("0.99.0", r.upgrade(), r.toString());
    assertEquals(EU, r.configuration().get("plugin.choria.middleware_hosts"));
    HelperResponse without =
        sameReplyFromEveryExample(request("node5.example.net", "{\"facts\":{\"country\":\"nl\"}}"));
    assertEquals("", without.upgrade(), without.toString());
  }

  @Test
  void escapesAnOddIdentityTheSameWayEverywhere() {
    HelperResponse r =
        sameReplyFromEveryExample(
            request("we\"ird\\node.example.net", "{\"facts\":{\"country\":\"nl\"}}"));
    assertEquals("we\"ird\\node.example.net", r.configuration().get("identity"));
  }
}
