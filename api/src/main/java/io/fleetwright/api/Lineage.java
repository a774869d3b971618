package io.fleetwright.api;

/**
 * Where a node's workflow run stands in the node's life: the how-manieth provisioning this is, and
 * why it happened. Carried by {@link ProvisionInput} across continue-as-new (renewal) and into runs
 * that {@code provisioner reprovision} starts, so every run links to the one before it.
 *
 * @param generation 1 for the first provisioning of the node, 2 for the next, ...
 * @param firstRunId run ID of generation 1, or empty when unknown
 * @param previousRunId run ID of the run before this one, or empty
 * @param reason why this run provisions the node again, e.g. {@code renewal: credentials expire at
 *     2027-01-01T00:00:00Z} or {@code reprovision by alice}
 */
public record Lineage(int generation, String firstRunId, String previousRunId, String reason) {
  /**
   * Memo key under which a run started with a lineage carries it, so that the Web UI and {@code
   * provisioner status} show it for closed runs too.
   */
  public static final String MEMO = "lineage";

  /** Validates the generation and fills empty strings. */
  public Lineage {
    if (generation < 1) {
      throw new IllegalArgumentException("lineage.generation must be 1 or more, got " + generation);
    }
    firstRunId = Checks.orEmpty(firstRunId);
    previousRunId = Checks.orEmpty(previousRunId);
    reason = Checks.orEmpty(reason);
  }

  /** Returns the lineage of the run after {@code previousRunId}, for {@code reason}. */
  public Lineage next(String previousRunId, String reason) {
    return new Lineage(
        generation + 1, firstRunId.isEmpty() ? previousRunId : firstRunId, previousRunId, reason);
  }

  /** Returns the first generation: what a run without lineage is. */
  public static Lineage first(String runId) {
    return new Lineage(1, runId, "", "");
  }

  /** Returns one line for status and the Web UI, e.g. {@code run 2 of this node, because of X}. */
  public String describe() {
    if (generation == 1) {
      return "run 1 of this node";
    }
    return "run %d of this node, because of %s (previous run %s)"
        .formatted(generation, reason.isEmpty() ? "an unknown reason" : reason, previousRunId);
  }
}
