package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.fleet.PuppetProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PuppetAgentTest {
  private final FakeHost host = new FakeHost(Optional.empty());
  private final EmulatedNode node = host.node("web1.lab.local");

  @BeforeEach
  void provision() {
    node.startProvisioned(List.of("mcollective"));
    node.puppetProfile(
        PuppetProfile.defaults().withRunTime(Duration.ofSeconds(4), Duration.ofSeconds(4)), 1);
  }

  private ActionResult call(String action, Object... kv) {
    return node.call(Calls.call("puppet", action, Calls.SENDER, Calls.CALLER, kv));
  }

  @Test
  void servesPuppetOnlyOnceProvisioned() {
    EmulatedNode fresh = host.node("new.lab.local");
    fresh.start();
    ActionResult result = fresh.call(Calls.call("puppet", "status", Calls.SENDER, Calls.CALLER));
    assertEquals(ActionResult.UNKNOWN_ACTION, result.statusCode(), result.toString());
    assertTrue(node.agents().contains("puppet"), node.agents().toString());
  }

  @Test
  void reportsAnEnabledStoppedAgentThatNeverRan() {
    Map<String, Object> data = call("status").data();
    assertEquals(true, data.get("enabled"), data.toString());
    assertEquals(false, data.get("applying"), data.toString());
    assertEquals(false, data.get("idling"), data.toString());
    assertEquals("stopped", data.get("status"), data.toString());
    assertEquals(0L, data.get("lastrun"), data.toString());
    assertEquals("Unknown", data.get("since_lastrun"), data.toString());
    assertEquals("", data.get("disable_message"), data.toString());
  }

  @Test
  void disablesWithAMessageAndRefusesToDisableTwice() {
    ActionResult first = call("disable", "message", "site run 42");
    assertTrue(first.isOk(), first.toString());
    assertEquals("Succesfully locked the Puppet agent: site run 42", first.data().get("status"));
    assertEquals(false, first.data().get("enabled"));
    Map<String, Object> status = call("status").data();
    assertEquals("disabled", status.get("status"), status.toString());
    assertEquals("site run 42", status.get("disable_message"), status.toString());

    ActionResult again = call("disable", "message", "other");
    assertEquals(ActionResult.ABORTED, again.statusCode(), again.toString());
    assertEquals("Could not disable Puppet: Already disabled", again.statusMsg());
    assertEquals(false, again.data().get("enabled"));
  }

  @Test
  void disablesWithTheDefaultMessageNamingTheCaller() {
    call("disable");
    assertEquals(
        "Disabled via MCollective by " + Calls.CALLER + " at 2024-06-10 06:13",
        node.puppet().lockMessage());
  }

  @Test
  void rejectsAnUnsafeOrLongDisableMessage() {
    assertEquals(ActionResult.INVALID_DATA, call("disable", "message", "a; rm -rf").statusCode());
    assertEquals(
        ActionResult.INVALID_DATA, call("disable", "message", "x".repeat(121)).statusCode());
    assertTrue(node.puppet().enabled());
  }

  @Test
  void enablesAndRefusesToEnableTwice() {
    ActionResult already = call("enable");
    assertEquals("Could not enable Puppet: Already enabled", already.statusMsg());
    assertEquals(true, already.data().get("enabled"));
    call("disable", "message", "x");
    ActionResult enabled = call("enable");
    assertTrue(enabled.isOk(), enabled.toString());
    assertEquals("Succesfully enabled the Puppet agent", enabled.data().get("status"));
  }

  @Test
  void runsOnceWithTheOptionsInTheAgentsOrder() {
    ActionResult result =
        call("runonce", "force", true, "noop", true, "environment", "production", "tags", "a,b::c");
    assertTrue(result.isOk(), result.toString());
    assertEquals(
        "Started a Puppet run using the 'puppet agent --onetime --no-daemonize --color=false"
            + " --show_diff --verbose --tags a,b::c --no-splay --noop --environment production'"
            + " command",
        result.data().get("summary"));
    assertEquals(1718000000L, result.data().get("initiated_at"));
    assertEquals(List.of(Duration.ZERO), host.delays, "no splay with force");
  }

  @Test
  void splaysWithinTheLimitWithoutForce() {
    ActionResult result = call("runonce", "splaylimit", 10);
    assertTrue(
        result.data().get("summary").toString().contains("--splay --splaylimit 10'"),
        result.toString());
    assertTrue(host.delays.get(0).compareTo(Duration.ofSeconds(10)) < 0, host.delays.toString());
  }

  @Test
  void appliesForTheRunTimeThenWritesTheSummary() {
    call("runonce", "force", true);
    assertEquals(false, call("status").data().get("applying"), "not applying during the splay");
    host.scheduled.remove(0).run();
    assertEquals("applying a catalog", call("status").data().get("status"));
    assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(4)), host.delays);
    host.clock.advance(Duration.ofSeconds(4));
    host.runScheduled();
    Map<String, Object> status = call("status").data();
    assertEquals(false, status.get("applying"), status.toString());
    assertEquals(1718000004L, status.get("lastrun"), status.toString());
    assertEquals("Currently stopped; last completed run 00 seconds ago", status.get("message"));
    Map<String, Object> summary = call("last_run_summary").data();
    assertEquals(0, summary.get("failed_resources"), summary.toString());
    assertEquals(1718000004L, summary.get("lastrun"), summary.toString());
    assertEquals(1, node.puppetRunStarts().size());
  }

  @Test
  void refusesARunWhileApplyingOrDisabled() {
    call("runonce", "force", true);
    ActionResult busy = call("runonce", "force", true);
    assertEquals("Puppet is currently applying a catalog, cannot run now", busy.statusMsg());
    assertEquals(busy.statusMsg(), busy.data().get("summary"));
    host.runScheduled();
    call("disable", "message", "maintenance");
    ActionResult disabled = call("runonce");
    assertEquals(ActionResult.ABORTED, disabled.statusCode());
    assertEquals("Puppet is disabled: 'maintenance'", disabled.statusMsg());
  }

  @Test
  void refusesServerOverrideAndInvalidOptions() {
    assertEquals(
        "Passing 'server' option is not allowed in module configuration",
        call("runonce", "server", "puppet:8140").statusMsg());
    assertEquals(
        "Invalid environment 'prod-1' specified",
        call("runonce", "environment", "prod-1").statusMsg());
    assertEquals("Invalid tag 'a,1' specified", call("runonce", "tags", "a,1").statusMsg());
    assertEquals(
        "Invalid skip_tag 'x y' specified", call("runonce", "skip_tags", "x y").statusMsg());
    assertEquals(
        "Invalid splaylimit '2.5' specified", call("runonce", "splaylimit", 2.5).statusMsg());
    assertEquals(ActionResult.INVALID_DATA, call("runonce", "noop", "yes").statusCode());
    assertTrue(host.scheduled.isEmpty(), "no run started");
  }

  @Test
  void reportsTheDdlDefaultsBeforeAnyRun() {
    Map<String, Object> summary = call("last_run_summary").data();
    assertEquals(-1, summary.get("failed_resources"));
    assertEquals(0, summary.get("total_resources"));
    assertEquals("Unknown", summary.get("since_lastrun"));
    assertEquals(Map.of(), summary.get("logs"));
  }

  @Test
  void failsResourcesOnNamedNodesAndWhenInjected() {
    node.puppetProfile(PuppetProfile.defaults().withFailingNodes(Set.of("web1.lab.local")), 1);
    call("runonce", "force", true);
    host.runScheduled();
    assertEquals(2, call("last_run_summary").data().get("failed_resources"));

    node.puppetProfile(PuppetProfile.defaults(), 1);
    node.failPuppetRuns(true);
    call("runonce", "force", true);
    host.runScheduled();
    Map<String, Object> summary = call("last_run_summary", "logs", true).data();
    assertEquals(2, summary.get("failed_resources"), summary.toString());
    assertFalse(((List<?>) summary.get("logs")).isEmpty(), summary.toString());
  }

  @Test
  void failsASeededShareOfNodesByPercentage() {
    PuppetProfile half = PuppetProfile.defaults().withFailurePercentage(50);
    long failing =
        java.util.stream.IntStream.rangeClosed(1, 1000)
            .filter(i -> half.fails(7, i, "n" + i))
            .count();
    assertTrue(failing > 400 && failing < 600, "failing nodes: " + failing);
    assertEquals(half.runTime(7, 3), half.runTime(7, 3));
  }

  @Test
  void printsDurationsAsTheAgentDoes() {
    assertEquals("02 seconds", PuppetAgent.human(2));
    assertEquals("5 minutes 03 seconds", PuppetAgent.human(303));
    assertEquals("1 day 2 hours 3 minutes 04 seconds", PuppetAgent.human(93784));
  }
}
