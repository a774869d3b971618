package io.fleetwright.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How the nodes of one level (a Choria "node group") are split into batches that run one after
 * another; the nodes of a batch run in parallel.
 *
 * <p>The schedule is a list of {@link BatchSize steps}, applied to every level afresh:
 *
 * <ul>
 *   <li>The level's nodes are taken in sorted order. Step 1 sizes the first batch, step 2 the
 *       second, and so on; after the last step, the last step repeats until no node is left.
 *   <li>A count step is that many nodes. A percentage step is that share of the level's node count
 *       (not of the nodes left), rounded up, and at least 1 node.
 *   <li>A batch never takes more nodes than are left, so the last batch may be smaller.
 * </ul>
 *
 * <p>Examples for a level of 10 nodes: {@code 3} gives 3, 3, 3, 1; {@code 25%} gives 3, 3, 3, 1;
 * {@code 1,25%,100%} gives a canary of 1, then 3, then the remaining 6; {@code 100%} (the default)
 * gives one batch of 10, which is what Choria did without {@code --batch}.
 *
 * <p>In a site file {@code batch} is a count ({@code 5}), a percentage ({@code "25%"}), a list of
 * them ({@code [1, "25%", "100%"]}) or the same list as one comma-separated string.
 *
 * @param steps the sizes in order; at least one
 */
public record BatchSchedule(List<BatchSize> steps) {

  /** One batch per level, as Choria ran a node group without {@code --batch}. */
  public static final BatchSchedule WHOLE_LEVEL =
      new BatchSchedule(List.of(BatchSize.percent(100)));

  /** Copies the steps; there must be at least one. */
  public BatchSchedule {
    Objects.requireNonNull(steps, "steps");
    if (steps.isEmpty()) {
      throw new SiteException("batch is empty; use e.g. 5, 25% or a list like 1,25%,100%");
    }
    steps = List.copyOf(steps);
  }

  /**
   * Parses a schedule written as one size or a comma-separated list, e.g. {@code 1,25%,100%}.
   *
   * @param text the schedule
   * @return the schedule
   * @throws SiteException when a part is not a node count or a percentage
   */
  public static BatchSchedule parse(String text) {
    Objects.requireNonNull(text, "text");
    List<BatchSize> steps = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      steps.add(BatchSize.parse(part));
    }
    return new BatchSchedule(steps);
  }

  /**
   * Reads the JSON/YAML form: a number, a string, or a list of numbers and strings.
   *
   * @param json the value as Jackson reads it untyped
   * @return the schedule
   * @throws SiteException when the value has another shape or a bad size
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BatchSchedule fromJson(Object json) {
    if (json instanceof List<?> list) {
      List<BatchSize> steps = new ArrayList<>();
      for (Object item : list) {
        steps.add(step(item));
      }
      return new BatchSchedule(steps);
    }
    if (json instanceof String text) {
      return parse(text);
    }
    return new BatchSchedule(List.of(step(json)));
  }

  private static BatchSize step(Object item) {
    if (item instanceof Integer || item instanceof Long) {
      long n = ((Number) item).longValue();
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw new SiteException(
            "batch size '" + n + "' is out of range; use a node count of 1 or more");
      }
      return BatchSize.count((int) n);
    }
    if (item instanceof String text) {
      return BatchSize.parse(text);
    }
    throw new SiteException(
        "batch entry '"
            + item
            + "' is not a node count or a percentage; use e.g. 5, \"25%\" or [1, \"25%\", \"100%\"]");
  }

  /** The JSON form: a number or string for one step, else a list of them. */
  @JsonValue
  public Object toJson() {
    List<Object> json = steps.stream().map(BatchSchedule::json).toList();
    return json.size() == 1 ? json.get(0) : json;
  }

  private static Object json(BatchSize step) {
    return step.percent() ? step.toString() : (Object) step.value();
  }

  /**
   * The batch sizes for a level of {@code levelSize} nodes, following the rules above.
   *
   * @param levelSize the number of nodes in the level
   * @return the sizes, which add up to {@code levelSize}; empty for an empty level
   */
  public List<Integer> sizes(int levelSize) {
    List<Integer> sizes = new ArrayList<>();
    int left = levelSize;
    for (int i = 0; left > 0; i++) {
      int size = Math.min(left, steps.get(Math.min(i, steps.size() - 1)).nodes(levelSize));
      sizes.add(size);
      left -= size;
    }
    return sizes;
  }

  /** Returns the comma-separated form, e.g. {@code 1,25%,100%}. */
  @Override
  public String toString() {
    return steps.stream().map(BatchSize::toString).collect(Collectors.joining(","));
  }
}
