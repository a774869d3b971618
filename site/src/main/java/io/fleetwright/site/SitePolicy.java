package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How a site is run: the {@code policy} section of a site file (not part of Puppet's reply). Every
 * key is optional; {@link #DEFAULTS} reproduces Choria's behaviour where Choria had one. The
 * command line may override the batch schedule.
 *
 * @param batch per-level batch schedule; default one batch per level
 * @param pauseAfterFirstBatch wait for approval after the first (canary) batch; default false
 * @param maxFailurePercentage share of failed nodes the job tolerates, 0 to 100; default 0, which
 *     stops on the first failure like Choria
 * @param maxFailures how many failed nodes the job tolerates, as a count; null (the default) uses
 *     {@code maxFailurePercentage} instead. Set one of the two, not both.
 * @param onFailure what happens after a failure beyond the budget; default {@link OnFailure#STOP}
 * @param noop run Puppet with {@code --noop}; default false
 * @param environment Puppet environment passed to {@code runonce.environment}; null (the default)
 *     leaves each node on its own environment, as Choria did
 * @param tags passed to {@code runonce.tags}; default none
 * @param skipTags passed to {@code runonce.skip_tags}; default none
 * @param startTimeoutSeconds how long a node may take to start its run; default 200
 * @param runTimeoutSeconds how long a node's run may take; default 1800
 * @param pollIntervalSeconds time between status polls; default 5
 * @param restoreEnableState put each node's Puppet enable state back as it was found; default true
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SitePolicy(
    BatchSchedule batch,
    boolean pauseAfterFirstBatch,
    int maxFailurePercentage,
    @Nullable Integer maxFailures,
    OnFailure onFailure,
    boolean noop,
    @Nullable String environment,
    List<String> tags,
    List<String> skipTags,
    int startTimeoutSeconds,
    int runTimeoutSeconds,
    int pollIntervalSeconds,
    boolean restoreEnableState) {

  /** The policy of a site file without a {@code policy} section. */
  public static final SitePolicy DEFAULTS =
      new SitePolicy(
          BatchSchedule.WHOLE_LEVEL,
          false,
          0,
          null,
          OnFailure.STOP,
          false,
          null,
          List.of(),
          List.of(),
          200,
          1800,
          5,
          true);

  /** Validates ranges and copies the lists. */
  public SitePolicy {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(onFailure, "onFailure");
    if (maxFailurePercentage < 0 || maxFailurePercentage > 100) {
      throw new SiteException(
          "maxFailurePercentage is " + maxFailurePercentage + "; use a percentage from 0 to 100");
    }
    if (maxFailures != null && maxFailures < 0) {
      throw new SiteException("maxFailures is " + maxFailures + "; use a count of 0 or more");
    }
    if (maxFailures != null && maxFailurePercentage != 0) {
      throw new SiteException(
          "both maxFailures ("
              + maxFailures
              + ") and maxFailurePercentage ("
              + maxFailurePercentage
              + "%) are set; keep one of the two");
    }
    if (environment != null && environment.isBlank()) {
      throw new SiteException("environment is empty; name a Puppet environment or leave it out");
    }
    tags = tags(tags, "tags");
    skipTags = tags(skipTags, "skipTags");
    positive(startTimeoutSeconds, "startTimeoutSeconds");
    positive(runTimeoutSeconds, "runTimeoutSeconds");
    positive(pollIntervalSeconds, "pollIntervalSeconds");
  }

  @JsonCreator
  private static SitePolicy fromJson(
      @JsonProperty("batch") @Nullable BatchSchedule batch,
      @JsonProperty("pauseAfterFirstBatch") @Nullable Boolean pauseAfterFirstBatch,
      @JsonProperty("maxFailurePercentage") @Nullable Integer maxFailurePercentage,
      @JsonProperty("maxFailures") @Nullable Integer maxFailures,
      @JsonProperty("onFailure") @Nullable OnFailure onFailure,
      @JsonProperty("noop") @Nullable Boolean noop,
      @JsonProperty("environment") @Nullable String environment,
      @JsonProperty("tags") @Nullable List<String> tags,
      @JsonProperty("skipTags") @Nullable List<String> skipTags,
      @JsonProperty("startTimeoutSeconds") @Nullable Integer startTimeoutSeconds,
      @JsonProperty("runTimeoutSeconds") @Nullable Integer runTimeoutSeconds,
      @JsonProperty("pollIntervalSeconds") @Nullable Integer pollIntervalSeconds,
      @JsonProperty("restoreEnableState") @Nullable Boolean restoreEnableState) {
    SitePolicy d = DEFAULTS;
    return new SitePolicy(
        or(batch, d.batch),
        or(pauseAfterFirstBatch, d.pauseAfterFirstBatch),
        or(maxFailurePercentage, d.maxFailurePercentage),
        maxFailures,
        or(onFailure, d.onFailure),
        or(noop, d.noop),
        environment,
        or(tags, d.tags),
        or(skipTags, d.skipTags),
        or(startTimeoutSeconds, d.startTimeoutSeconds),
        or(runTimeoutSeconds, d.runTimeoutSeconds),
        or(pollIntervalSeconds, d.pollIntervalSeconds),
        or(restoreEnableState, d.restoreEnableState));
  }

  /**
   * How many failed nodes a run of {@code total} nodes tolerates before it is over budget.
   *
   * @param total the number of nodes in the plan
   * @return {@link #maxFailures()} when set, else {@link #maxFailurePercentage()} of {@code total}
   */
  public long allowedFailures(int total) {
    return maxFailures != null ? maxFailures : (long) total * maxFailurePercentage / 100;
  }

  /**
   * Returns a copy with another failure reaction.
   *
   * @param reaction stop or skip-dependents
   * @return the new policy
   */
  public SitePolicy withOnFailure(OnFailure reaction) {
    return copy().onFailure(reaction).build();
  }

  /**
   * Returns a copy with the canary gate after the first batch on or off.
   *
   * @param on whether to wait for approval after the first batch
   * @return the new policy
   */
  public SitePolicy withCanaryGate(boolean on) {
    return copy().pauseAfterFirstBatch(on).build();
  }

  /**
   * Returns a copy with a failure budget in percent (and no count).
   *
   * @param percentage share of failed nodes tolerated, 0 to 100
   * @return the new policy
   */
  public SitePolicy withMaxFailurePercentage(int percentage) {
    return copy().maxFailurePercentage(percentage).maxFailures(null).build();
  }

  /**
   * Returns a copy with a failure budget as a count of nodes (and no percentage).
   *
   * @param count how many failed nodes are tolerated
   * @return the new policy
   */
  public SitePolicy withMaxFailures(int count) {
    return copy().maxFailurePercentage(0).maxFailures(count).build();
  }

  /**
   * Returns a copy with another batch schedule, e.g. from {@code --batch}.
   *
   * @param schedule the schedule
   * @return the new policy
   */
  public SitePolicy withBatch(BatchSchedule schedule) {
    return copy().batch(schedule).build();
  }

  private Copy copy() {
    return new Copy(this);
  }

  /** A mutable copy of a policy, so each {@code with} method names only what it changes. */
  private static final class Copy {
    private BatchSchedule batch;
    private boolean pauseAfterFirstBatch;
    private int maxFailurePercentage;
    private @Nullable Integer maxFailures;
    private OnFailure onFailure;
    private final SitePolicy from;

    Copy(SitePolicy from) {
      this.from = from;
      this.batch = from.batch;
      this.pauseAfterFirstBatch = from.pauseAfterFirstBatch;
      this.maxFailurePercentage = from.maxFailurePercentage;
      this.maxFailures = from.maxFailures;
      this.onFailure = from.onFailure;
    }

    Copy batch(BatchSchedule value) {
      batch = value;
      return this;
    }

    Copy pauseAfterFirstBatch(boolean value) {
      pauseAfterFirstBatch = value;
      return this;
    }

    Copy maxFailurePercentage(int value) {
      maxFailurePercentage = value;
      return this;
    }

    Copy maxFailures(@Nullable Integer value) {
      maxFailures = value;
      return this;
    }

    Copy onFailure(OnFailure value) {
      onFailure = value;
      return this;
    }

    SitePolicy build() {
      return new SitePolicy(
          batch,
          pauseAfterFirstBatch,
          maxFailurePercentage,
          maxFailures,
          onFailure,
          from.noop,
          from.environment,
          from.tags,
          from.skipTags,
          from.startTimeoutSeconds,
          from.runTimeoutSeconds,
          from.pollIntervalSeconds,
          from.restoreEnableState);
    }
  }

  private static <T> T or(@Nullable T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static void positive(int seconds, String key) {
    if (seconds < 1) {
      throw new SiteException(key + " is " + seconds + "; use a number of seconds of 1 or more");
    }
  }

  private static List<String> tags(List<String> tags, String key) {
    Objects.requireNonNull(tags, key);
    for (String tag : tags) {
      if (tag == null
          || tag.isBlank()
          || tag.contains(",")
          || tag.chars().anyMatch(Character::isWhitespace)) {
        throw new SiteException(
            key
                + " entry '"
                + tag
                + "' is not a Puppet tag; list one tag per entry, e.g. [webserver]");
      }
    }
    return List.copyOf(tags);
  }

  /** What the run does once failures exceed {@link #maxFailurePercentage()}. */
  public enum OnFailure {
    /** Stop scheduling anything (Choria's behaviour). */
    STOP("stop"),
    /** Skip only the nodes that depend on a failed node; independent branches keep going. */
    SKIP_DEPENDENTS("skip-dependents");

    private final String key;

    OnFailure(String key) {
      this.key = key;
    }

    /** The site-file spelling, e.g. {@code skip-dependents}. */
    @JsonValue
    public String key() {
      return key;
    }

    /**
     * Reads the site-file spelling.
     *
     * @param key {@code stop} or {@code skip-dependents}
     * @return the value
     * @throws SiteException for any other text
     */
    @JsonCreator
    public static OnFailure of(String key) {
      for (OnFailure value : values()) {
        if (value.key.equals(key)) {
          return value;
        }
      }
      throw new SiteException(
          "onFailure '"
              + key
              + "' is not known; use one of "
              + Arrays.stream(values()).map(OnFailure::key).collect(Collectors.joining(", ")));
    }
  }
}
