package io.fleetwright.api;

import java.util.List;
import java.util.Objects;

/**
 * How a site run ended.
 *
 * @param succeeded true when every node ran without failed resources
 * @param message one line for the operator, naming failed nodes
 * @param ran nodes whose run finished cleanly
 * @param failed failed nodes with their reasons, {@code node: reason}
 * @param skipped nodes never run, because of a failure or an abort
 */
public record SiteRunResult(
    boolean succeeded, String message, int ran, List<String> failed, List<String> skipped) {

  /** Copies the lists. */
  public SiteRunResult {
    Objects.requireNonNull(message, "message");
    failed = List.copyOf(failed);
    skipped = List.copyOf(skipped);
  }
}
