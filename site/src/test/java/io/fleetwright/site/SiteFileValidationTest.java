package io.fleetwright.site;

import static io.fleetwright.site.SiteFilesTest.assertFails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteFileValidationTest {

  @TempDir Path dir;

  @Test
  void anUnknownComponentKeyListsTheValidKeys() throws IOException {
    String message =
        fails(
            """
            environment: production
            applications:
              "Lamp[app1]":
                "Lamp::Mysql[app1]":
                  nodee: dev1
            """,
            "unknown key 'nodee' in component 'Lamp::Mysql[app1]' of application 'Lamp[app1]';"
                + " valid keys are consumes, node, produces, requires (keys starting with 'x-'");
    assertContains(message, "site.yaml line 5");
  }

  @Test
  void anUnknownTopLevelKeyListsTheValidKeys() throws IOException {
    fails(
        "environment: production\napplications: {}\nenviroment: x\n",
        "unknown key 'enviroment' at the top level; valid keys are applications, code_id,"
            + " environment, nodes, policy, schemaVersion");
  }

  @Test
  void anUnknownPolicyKeyListsTheValidKeys() throws IOException {
    fails(
        "environment: production\napplications: {}\npolicy: {batchSize: 5}\n",
        "unknown key 'batchSize' in policy; valid keys are batch, environment,"
            + " maxFailurePercentage, maxFailures, noop, onFailure, pauseAfterFirstBatch, pollIntervalSeconds,"
            + " restoreEnableState, runTimeoutSeconds, skipTags, startTimeoutSeconds, tags");
  }

  @Test
  void aComponentWithoutANodeIsNamed() throws IOException {
    fails(
        """
        environment: production
        applications:
          "Lamp[app1]":
            "Lamp::Mysql[app1]": {produces: ["Sql[app1]"]}
        """,
        "in component 'Lamp::Mysql[app1]' of application 'Lamp[app1]': node is missing; set node"
            + " to the certname of the node that runs it");
    fails(
        "{\"environment\":\"p\",\"applications\":{\"A[a]\":{\"C[c]\":{\"node\":\" \"}}}}",
        "in component 'C[c]' of application 'A[a]': node is missing");
  }

  @Test
  void anEmptyNameIsNamed() throws IOException {
    fails(
        "environment: production\napplications: {\"\": {}}\n",
        "in applications: '' is not a resource reference; write it as Type[title], e.g. Sql[app1]");
    fails(
        "environment: production\napplications: {\"A[a]\": {\"C[c]\": {node: n}}}\nnodes: {\"\": {}}\n",
        "a node entry has an empty name; name it or remove the entry");
    fails(
        "environment: \"\"\napplications: {}\n",
        "environment is missing; name the Puppet environment, e.g. environment: production");
  }

  @Test
  void aRepeatedApplicationIsNamedInJsonAndYaml() throws IOException {
    fails(
        "site.json",
        "{\"environment\":\"p\",\"applications\":{\"A[a]\":{},\"A[a]\":{}}}",
        "site.json line 1: key 'A[a]' appears twice in applications; merge the two entries");
    fails(
        "environment: p\napplications:\n  \"A[a]\": {}\n  \"A[a]\": {}\n",
        "site.yaml line 4: key 'A[a]' appears twice in applications; merge the two entries");
  }

  @Test
  void aComponentInTwoApplicationsIsNamed() throws IOException {
    fails(
        """
        environment: production
        applications:
          "A[one]": {"Db[x]": {node: n1}}
          "A[two]": {"Db[x]": {node: n2}}
        """,
        "component Db[x] appears in application A[one] and in A[two]; a component belongs to one"
            + " application, so rename one of them");
  }

  @Test
  void aCapabilityWithTwoProducersIsNamed() throws IOException {
    fails(
        """
        environment: production
        applications:
          "A[one]":
            "Db[x]": {node: n1, produces: ["Sql[x]"]}
            "Db[y]": {node: n2, produces: ["Sql[x]"]}
        """,
        "capability Sql[x] is produced by Db[x] (application A[one]) and by Db[y] (application"
            + " A[one]); a capability has one producer, so remove it from one produces list");
  }

  @Test
  void aRequiresThatNamesNoComponentIsNamedWithTheComponents() throws IOException {
    fails(
        """
        environment: production
        applications:
          "A[one]":
            "Db[x]": {node: n1, produces: ["Sql[x]"]}
            "Web[x]": {node: n2, requires: ["Db[y]"]}
        """,
        "component Web[x] of application A[one] requires Db[y], which is not a component in this"
            + " site; requires lists component references (components: Db[x], Web[x])");
    fails(
        """
        environment: production
        applications:
          "A[one]":
            "Db[x]": {node: n1, produces: ["Sql[x]"]}
            "Web[x]": {node: n2, requires: ["Sql[x]"]}
        """,
        "requires Sql[x], which is a capability, not a component; list it under consumes instead");
  }

  @Test
  void settingsForANodeThatRunsNothingAreNamed() throws IOException {
    fails(
        """
        environment: production
        applications:
          "A[one]": {"Db[x]": {node: dev1}}
        nodes:
          dev9: {labels: {role: db}}
        """,
        "nodes: 'dev9' has settings but no component runs on it; fix the name or remove the entry"
            + " (nodes with components: dev1)");
  }

  @Test
  void aBadReferenceIsNamedWithItsPlace() throws IOException {
    fails(
        """
        environment: production
        applications:
          "A[one]":
            "Db[x]": {node: n1, produces: ["Sql x"]}
        """,
        "site.yaml line 4: in 'produces' of component 'Db[x]' of application 'A[one]': 'Sql x' is"
            + " not a resource reference; write it as Type[title], e.g. Sql[app1]");
    fails(
        "environment: production\napplications:\n  \"A[one]\":\n    Mysql: {node: n1}\n",
        "in application 'A[one]': 'Mysql' is not a resource reference; write it as Type[title]");
  }

  @Test
  void aValueOfTheWrongKindIsNamed() throws IOException {
    fails(
        "environment: p\napplications:\n  \"A[a]\":\n    \"C[c]\": {node: n, produces: \"Sql[x]\"}\n",
        "in 'produces' of component 'C[c]' of application 'A[a]': expected a list, e.g. [Sql[app1]]");
    fails(
        "environment: p\napplications: {}\npolicy: {runTimeoutSeconds: soon}\n",
        "in policy.runTimeoutSeconds: expected a whole number");
    fails(
        "environment: p\napplications: []\n",
        "in applications: expected a mapping of keys to values");
  }

  @Test
  void missingRequiredKeysAreNamed() throws IOException {
    fails(
        "applications: {}\n",
        "environment is missing; name the Puppet environment, e.g. environment: production");
    fails(
        "environment: production\n",
        "applications is missing; add the applications map (use {} for a site without any)");
  }

  @Test
  void policyValuesOutOfRangeAreNamed() throws IOException {
    fails(
        "environment: p\napplications: {}\npolicy: {batch: [1, \"0%\"]}\n",
        "in policy.batch: batch size '0%' is out of range; use a node count of 1 or more, or a"
            + " percentage from 1% to 100%");
    fails(
        "environment: p\napplications: {}\npolicy: {onFailure: abort}\n",
        "in policy.onFailure: onFailure 'abort' is not known; use one of stop, skip-dependents");
    fails(
        "environment: p\napplications: {}\npolicy: {maxFailurePercentage: 150}\n",
        "maxFailurePercentage is 150; use a percentage from 0 to 100");
  }

  @Test
  void aCountAndAPercentageBudgetTogetherAreRefused() throws IOException {
    fails(
        "environment: p\napplications: {}\npolicy: {maxFailurePercentage: 10, maxFailures: 3}\n",
        "both maxFailures (3) and maxFailurePercentage (10%) are set; keep one of the two");
  }

  @Test
  void anUnsupportedSchemaVersionIsNamed() throws IOException {
    fails(
        "schemaVersion: 2\nenvironment: p\napplications: {}\n",
        "schemaVersion 2 is not supported; this Fleetwright reads schemaVersion 1");
  }

  @Test
  void brokenSyntaxIsNamedWithTheFormatAndLine() throws IOException {
    fails(
        "environment: p\napplications: {\n  x: [\n",
        "site.yaml line 3: not valid YAML: while parsing a flow node; expected the node content,"
            + " but found '<stream end>'");
    fails(
        "site.json",
        "{\"environment\": \"p\",, }",
        "site.json line 1: not valid JSON: Unexpected character (',' (code 44)): was expecting"
            + " double-quote to start field name; check the quotes, commas and brackets");
    fails(
        "environment: p\napplications:\n  \"A[a]\":\n    \"C[c]\": {node: n, consumes: [Sql[x]]}\n",
        "site.yaml line 4: not valid YAML: while parsing a flow sequence; expected ',' or ']', but"
            + " got [; quote values that contain [ ] { } : or #, e.g. \"Sql[app1]\"");
  }

  private String fails(String content, String expected) throws IOException {
    return fails("site.yaml", content, expected);
  }

  private String fails(String name, String content, String expected) throws IOException {
    return assertFails(Files.writeString(dir.resolve(name), content), expected);
  }

  private static void assertContains(String actual, String expected) {
    org.junit.jupiter.api.Assertions.assertTrue(
        actual.contains(expected), () -> "expected to find\n" + expected + "\nin\n" + actual);
  }
}
