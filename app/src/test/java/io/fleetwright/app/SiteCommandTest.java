package io.fleetwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.app.cli.Main;
import io.fleetwright.site.SiteFiles;
import io.fleetwright.site.SitePlan;
import io.fleetwright.site.SitePlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SiteCommandTest {

  private static final String LAMP =
      shared().resolve("choria/env-graph-sample-lamp.json").toString();
  private static final String CYCLIC =
      shared().resolve("choria/env-graph-cyclic-lamp.json").toString();
  private static final String RULE = "      --- Group %d --------------------------------------\n";

  @TempDir Path dir;

  @Test
  void plansTheLampSampleInChoriasLayout() {
    Run run = run("site", "plan", LAMP);

    assertEquals(0, run.exit, run.err);
    String expected =
        "Puppet Site Plan for the production Environment\n"
            + "\n"
            + "2 applications on 4 managed nodes:\n"
            + "\n"
            + "\tLamp[app1]\n"
            + "\tLamp[app2]\n"
            + "\n"
            + "Node groups and run order:\n"
            + RULE.formatted(1)
            + "\n"
            + "\tdev1.devco.net\n"
            + "\t\tLamp[app1] -> Lamp::Mysql[app1]\n"
            + "\t\tLamp[app2] -> Lamp::Mysql[app2]\n"
            + "\n"
            + RULE.formatted(2)
            + "\n"
            + "\tdev2.devco.net\n"
            + "\t\tLamp[app1] -> Lamp::Webapp[app1-1]\n"
            + "\t\tLamp[app2] -> Lamp::Webapp[app2-1]\n"
            + "\n"
            + "\tdev3.devco.net\n"
            + "\t\tLamp[app1] -> Lamp::Webapp[app1-2]\n"
            + "\t\tLamp[app2] -> Lamp::Webapp[app2-2]\n"
            + "\n"
            + "\tdev4.devco.net\n"
            + "\t\tLamp[app1] -> Lamp::Webapp[app1-3]\n"
            + "\t\tLamp[app2] -> Lamp::Webapp[app2-3]\n"
            + "\n";
    assertEquals(expected, run.out);
    assertEquals("", run.err);
  }

  @Test
  void printsTheSamePlanAsJson() throws IOException {
    Run run = run("site", "plan", LAMP, "--json");

    assertEquals(0, run.exit, run.err);
    JsonNode json = new ObjectMapper().readTree(run.out);
    assertEquals("production", json.get("environment").asText());
    assertEquals(1, json.get("levels").get(0).get("level").asInt());
    assertEquals("[\"dev1.devco.net\"]", json.get("levels").get(0).get("nodes").toString());
    assertEquals(
        "[[\"dev2.devco.net\",\"dev3.devco.net\",\"dev4.devco.net\"]]",
        json.get("levels").get(1).get("batches").toString());
    assertEquals(
        "{\"Lamp[app1]\":[\"Lamp::Webapp[app1-3]\"],\"Lamp[app2]\":[\"Lamp::Webapp[app2-3]\"]}",
        json.get("nodeComponents").get("dev4.devco.net").toString());
    SitePlan expected = SitePlanner.plan(SiteFiles.load(Path.of(LAMP)));
    assertEquals(expected, new ObjectMapper().readValue(run.out, SitePlan.class));
  }

  @Test
  void aBatchScheduleSplitsGroupsIntoNumberedBatches() {
    Run run = run("site", "plan", LAMP, "--batch", "1,50%");

    assertEquals(0, run.exit, run.err);
    assertTrue(
        run.out.contains(
            RULE.formatted(2)
                + "\n\tBatch 1 of 2, 1 node:\n\n\tdev2.devco.net\n\t\tLamp[app1] -> Lamp::Webapp[app1-1]\n"
                + "\t\tLamp[app2] -> Lamp::Webapp[app2-1]\n\n\tBatch 2 of 2, 2 nodes:\n\n\tdev3.devco.net\n"),
        run.out);
  }

  @Test
  void theCyclicSampleExitsNonZeroNamingTheCycleOnStderr() {
    Run run = run("site", "plan", CYCLIC);

    assertEquals(1, run.exit, run.out);
    assertEquals("", run.out);
    assertTrue(run.err.contains("dev1.devco.net -> dev3.devco.net -> dev1.devco.net"), run.err);
    assertTrue(
        run.err.contains(
            "dev3.devco.net -> dev1.devco.net: Sql[app1] (produced by Lamp::Mysql[app1], consumed"
                + " by Lamp::Webapp[app1-2])"),
        run.err);
  }

  @Test
  void theCyclicSampleFilteredToOneInstancePlans() {
    Run run = run("site", "plan", CYCLIC, "--instance", "Lamp[app2]", "--json");

    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.contains("\"instance\" : \"Lamp[app2]\""), run.out);
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() {
    Run batch = run("site", "plan", LAMP, "--batch", "none");
    Run instance = run("site", "plan", LAMP, "--instance", "app2");

    assertEquals(2, batch.exit, batch.out);
    assertTrue(batch.err.startsWith("--batch: batch size 'none' is not a node count"), batch.err);
    assertEquals(2, instance.exit, instance.out);
    assertTrue(
        instance.err.startsWith("--instance: 'app2' is not a resource reference"), instance.err);
  }

  @Test
  void aBadFailureBudgetIsAUsageErrorBeforeAnythingRuns() {
    Run words = run("site", "run", LAMP, "--yes", "--max-failures", "some");
    Run range = run("site", "run", LAMP, "--yes", "--max-failures", "150%");

    assertEquals(2, words.exit, words.out);
    assertEquals(
        "--max-failures: 'some' is not a count or a percentage; use e.g. 3 or 10%",
        words.err.lines().findFirst().orElse(""));
    assertEquals("", words.out);
    assertEquals(2, range.exit, range.out);
    assertTrue(
        range.err.startsWith(
            "--max-failures: maxFailurePercentage is 150; use a percentage from 0 to 100"),
        range.err);
  }

  @Test
  void anInvalidSiteFileExitsNonZeroNamingTheProblem() throws IOException {
    Path file =
        Files.writeString(dir.resolve("site.yaml"), "environment: p\napplications: {}\nfoo: 1\n");

    Run run = run("site", "plan", file.toString());

    assertEquals(1, run.exit);
    assertTrue(run.err.contains("unknown key 'foo' at the top level; valid keys are"), run.err);
  }

  @Test
  void aSiteWithoutApplicationsSaysSo() throws IOException {
    Path file =
        Files.writeString(dir.resolve("site.json"), "{\"environment\":\"qa\",\"applications\":{}}");

    Run run = run("site", "plan", file.toString());

    assertEquals(0, run.exit, run.err);
    assertEquals(
        "Puppet Site Plan for the qa Environment\n\n"
            + "No site applications were found in the Puppet environment\n",
        run.out);
  }

  @Test
  void theSiteCommandAloneAsksForASubcommand() {
    Run run = run("site");

    assertEquals(2, run.exit);
    assertTrue(run.err.contains("missing subcommand; use 'site plan FILE'"), run.err);
    assertTrue(
        run.err.matches(
            "(?s).*\n  plan +Print the run order of a site file: node groups \\(levels\\) in order,\n.*"),
        run.err);
    for (String sub : List.of("run", "approve", "pause", "resume", "abort", "status")) {
      assertTrue(run.err.contains("\n  " + sub + " "), "no " + sub + " in:\n" + run.err);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Run(int exit, String out, String err) {}

  /** The shared docs folder that holds Choria's sample site files. */
  private static Path shared() {
    String dir = System.getProperty("fleetwright.shared");
    return dir == null || dir.isBlank() ? Path.of("..", "..", "shared") : Path.of(dir);
  }
}
