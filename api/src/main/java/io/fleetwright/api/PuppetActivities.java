package io.fleetwright.api;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The {@code puppet} agent across many nodes at once: each method calls every given node in
 * parallel, heartbeats, and returns one {@link PuppetReply} per node, in the order given ({@link
 * #awaitRuns} sorted by node). A node that does not reply gets a reply with an error naming the
 * action; the activity itself fails only when it cannot run at all.
 */
@ActivityInterface(namePrefix = "Puppet")
public interface PuppetActivities {
  /** {@code puppet#status} on every node. */
  List<PuppetReply> status(List<String> nodes);

  /** {@code puppet#enable}; an agent that was already enabled counts as success. */
  List<PuppetReply> enable(List<String> nodes);

  /** {@code puppet#disable} with {@code message}; already disabled counts as success. */
  List<PuppetReply> disable(List<String> nodes, String message);

  /** {@code puppet#runonce} with {@code force} and the options. */
  List<PuppetReply> runonce(List<String> nodes, PuppetRunOptions options);

  /**
   * Polls {@code puppet#status} until every node's run started ({@code applying} or a {@code
   * lastrun} at or after its {@code initiatedAt}) and finished ({@code applying} false and {@code
   * lastrun >= initiatedAt}); a node that misses a timeout gets an error saying which.
   */
  List<PuppetReply> awaitRuns(PuppetAwait await);

  /** {@code puppet#last_run_summary}: the failed resources and lastrun of every node. */
  List<PuppetReply> lastRunSummary(List<String> nodes);
}
