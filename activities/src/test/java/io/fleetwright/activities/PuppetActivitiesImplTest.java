package io.fleetwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.api.PuppetAwait;
import io.fleetwright.api.PuppetReply;
import io.fleetwright.api.PuppetRunOptions;
import io.fleetwright.protocol.RpcReply;
import io.fleetwright.protocol.RpcTimeoutException;
import io.fleetwright.protocol.StatusCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PuppetActivitiesImplTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> inputs = new CopyOnWriteArrayList<>();

  private PuppetActivitiesImpl activities(NodeRpc rpc) {
    return new PuppetActivitiesImpl(rpc, Duration.ofSeconds(20), 4);
  }

  private NodeRpc answering(Map<String, Object> data) {
    return (identity, agent, action, in, timeout) -> {
      calls.add(identity + " " + agent + "#" + action);
      inputs.add(in);
      if (identity.startsWith("silent")) {
        throw new RpcTimeoutException(identity, agent, action, timeout, "req1");
      }
      return RpcReply.ok(action, data);
    };
  }

  @Test
  void readsStatusOfEveryNodeInOrderAndNamesTheSilentOnes() {
    List<PuppetReply> replies =
        activities(
                answering(
                    Map.of(
                        "enabled",
                        false,
                        "applying",
                        true,
                        "lastrun",
                        1700000000L,
                        "disable_message",
                        "site run")))
            .status(List.of("a", "silent1", "b"));
    assertEquals(List.of("a", "silent1", "b"), replies.stream().map(PuppetReply::node).toList());
    PuppetReply a = replies.get(0);
    assertFalse(a.enabled(), a.toString());
    assertTrue(a.applying(), a.toString());
    assertEquals(1700000000L, a.lastrun());
    assertEquals("site run", a.disableMessage());
    assertEquals("no reply from silent1 to puppet#status within PT20S", replies.get(1).error());
  }

  @Test
  void treatsAlreadyDisabledAsSuccessButOtherRefusalsAsFailures() {
    NodeRpc rpc =
        (identity, agent, action, in, timeout) ->
            identity.equals("locked")
                ? RpcReply.error(
                    action, StatusCode.ABORTED, "Could not disable Puppet: Already disabled")
                : RpcReply.error(action, StatusCode.ABORTED, "Puppet is disabled: 'x'");
    List<PuppetReply> replies = activities(rpc).disable(List.of("locked", "other"), "msg");
    assertNull(replies.get(0).error(), replies.toString());
    assertFalse(replies.get(0).enabled());
    assertEquals("puppet#disable on other: Puppet is disabled: 'x'", replies.get(1).error());
  }

  @Test
  void requestsAForcedRunWithTheSitesOptions() {
    List<PuppetReply> replies =
        activities(answering(Map.of("initiated_at", 1700000100L, "summary", "Started")))
            .runonce(
                List.of("a"),
                new PuppetRunOptions(true, "production", List.of("web", "db"), List.of("slow")));
    assertEquals(1700000100L, replies.get(0).initiatedAt());
    assertEquals(
        Map.of(
            "force", true,
            "noop", true,
            "environment", "production",
            "tags", "web,db",
            "skip_tags", "slow"),
        inputs.get(0));
  }

  @Test
  void countsARunAlreadyApplyingAsStartedWhenARetriedActivityAsksAgain() {
    NodeRpc rpc =
        (identity, agent, action, in, timeout) ->
            RpcReply.error(
                action,
                StatusCode.ABORTED,
                "Puppet is currently applying a catalog, cannot run now");
    PuppetReply reply =
        activities(rpc)
            .runonce(List.of("a"), new PuppetRunOptions(false, null, List.of(), List.of()))
            .get(0);
    assertNull(reply.error(), reply.toString());
    assertEquals(0, reply.initiatedAt(), "wait only until idle");
  }

  @Test
  void readsFailedResourcesFromTheLastRunSummary() {
    List<PuppetReply> replies =
        activities(answering(Map.of("failed_resources", 3, "lastrun", 1700000200L)))
            .lastRunSummary(List.of("a"));
    assertEquals(3, replies.get(0).failedResources());
    assertEquals(1700000200L, replies.get(0).lastrun());
  }

  @Test
  void waitsUntilEachRunStartedAndFinished() {
    AtomicLong clock = new AtomicLong();
    List<List<PuppetReply>> script =
        new ArrayList<>(
            List.of(
                List.of(status("a", false, 100), status("b", true, 100)),
                List.of(status("a", true, 100), status("b", false, 205)),
                List.of(status("a", false, 210))));
    PuppetPoller poller =
        new PuppetPoller(nodes -> script.remove(0), clock::get, d -> clock.addAndGet(d.toNanos()));
    List<PuppetReply> done = poller.await(new PuppetAwait(Map.of("a", 200L, "b", 200L), 60, 60, 5));
    assertEquals(210, done.get(0).lastrun(), done.toString());
    assertEquals(205, done.get(1).lastrun(), done.toString());
    assertTrue(script.isEmpty(), "three polls");
  }

  @Test
  void failsANodeWhoseRunNeverStartsOrThatStopsReplying() {
    AtomicLong clock = new AtomicLong();
    PuppetPoller poller =
        new PuppetPoller(
            nodes ->
                nodes.stream()
                    .map(
                        n ->
                            n.equals("gone")
                                ? PuppetReply.failed(n, "no reply from gone")
                                : status(n, false, 100))
                    .toList(),
            clock::get,
            d -> clock.addAndGet(d.toNanos()));
    List<PuppetReply> done =
        poller.await(new PuppetAwait(Map.of("gone", 200L, "stuck", 200L), 12, 60, 5));
    assertEquals("no reply from gone (3 polls)", done.get(0).error());
    assertEquals("the Puppet run on stuck did not start within 12 s", done.get(1).error());
  }

  @Test
  void aNodesOwnRunTimeoutOverridesThePolicysForThatNodeOnly() {
    AtomicLong clock = new AtomicLong();
    PuppetPoller poller =
        new PuppetPoller(
            nodes -> nodes.stream().map(n -> status(n, true, 100)).toList(),
            clock::get,
            d -> clock.addAndGet(d.toNanos()));
    List<PuppetReply> done =
        poller.await(
            new PuppetAwait(Map.of("quick", 200L, "slow", 200L), 60, 20, 5, Map.of("quick", 10)));
    assertEquals("the Puppet run on quick did not finish within 10 s", done.get(0).error());
    assertEquals("the Puppet run on slow did not finish within 20 s", done.get(1).error());
  }

  private static PuppetReply status(String node, boolean applying, long lastrun) {
    return new PuppetReply(node, null, true, applying, lastrun, "", 0, -1);
  }
}
