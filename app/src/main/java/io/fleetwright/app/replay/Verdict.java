package io.fleetwright.app.replay;

import java.util.List;
import java.util.Objects;

/**
 * What replaying one node's helper call found.
 *
 * @param identity the node
 * @param runId the workflow run whose history held the call, or empty
 * @param kind the verdict
 * @param detail for {@code defer ↔ configure} and {@code shutdown} the direction, for {@code
 *     invalid} the error production would raise, for {@code unrecoverable} why; else empty
 * @param changes what the new reply changes, configuration keys first; secrets masked
 */
public record Verdict(
    String identity, String runId, Kind kind, String detail, List<Change> changes) {

  /** Validates and copies. */
  public Verdict {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(kind, "kind");
    runId = runId == null ? "" : runId;
    detail = detail == null ? "" : detail;
    changes = List.copyOf(changes);
  }

  /** The verdicts, as printed. */
  public enum Kind {
    SAME("same"),
    CHANGED("changed"),
    DEFER_CONFIGURE("defer ↔ configure"),
    SHUTDOWN("shutdown"),
    INVALID("invalid"),
    UNRECOVERABLE("unrecoverable");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The word printed for a node and in the summary. */
    public String label() {
      return label;
    }
  }

  static Verdict unrecoverable(String identity, String runId, String why) {
    return new Verdict(identity, runId, Kind.UNRECOVERABLE, why, List.of());
  }
}
