package io.fleetwright.api;

/**
 * An operator's fleet-wide pause or resume.
 *
 * @param reason why, e.g. {@code CA rotation}; may be empty
 * @param by who, e.g. {@code alice@ops1}; may be empty
 */
public record ControlRequest(String reason, String by) {
  /** Normalises missing values to empty. */
  public ControlRequest {
    reason = Checks.orEmpty(reason);
    by = Checks.orEmpty(by);
  }
}
