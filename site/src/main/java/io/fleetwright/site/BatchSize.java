package io.fleetwright.site;

import java.util.Objects;

/**
 * One step of a {@link BatchSchedule}: a number of nodes ({@code 5}) or a percentage of the level
 * ({@code 25%}).
 *
 * @param value the count (1 or more) or the percentage (1 to 100)
 * @param percent whether {@code value} is a percentage of the level's node count
 */
public record BatchSize(int value, boolean percent) {

  /** Validates the range. */
  public BatchSize {
    if (value < 1 || (percent && value > 100)) {
      throw new SiteException(
          "batch size '"
              + value
              + (percent ? "%" : "")
              + "' is out of range; use a node count of 1 or more, or a percentage from 1% to 100%");
    }
  }

  /**
   * A fixed number of nodes.
   *
   * @param nodes 1 or more
   * @return the size
   */
  public static BatchSize count(int nodes) {
    return new BatchSize(nodes, false);
  }

  /**
   * A percentage of the level's nodes.
   *
   * @param percent 1 to 100
   * @return the size
   */
  public static BatchSize percent(int percent) {
    return new BatchSize(percent, true);
  }

  /**
   * Parses {@code 5} or {@code 25%}.
   *
   * @param text the size
   * @return the size
   * @throws SiteException when the text is neither a whole number nor a whole percentage
   */
  public static BatchSize parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    boolean percent = trimmed.endsWith("%");
    String digits = percent ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      throw new SiteException(
          "batch size '"
              + text
              + "' is not a node count or a percentage; use e.g. 5, 25% or a list like 1,25%,100%");
    }
    return new BatchSize(Integer.parseInt(digits), percent);
  }

  /**
   * The number of nodes in a batch of this size for a level of {@code levelSize} nodes: the count
   * itself, or the percentage of the level rounded up (so it is at least 1).
   *
   * @param levelSize the number of nodes in the level, 0 or more
   * @return the batch size, at least 1
   */
  public int nodes(int levelSize) {
    if (!percent) {
      return value;
    }
    return (int) Math.max(1, ((long) levelSize * value + 99) / 100);
  }

  /** Returns {@code 5} or {@code 25%}. */
  @Override
  public String toString() {
    return percent ? value + "%" : Integer.toString(value);
  }
}
