package io.fleetwright.api;

/**
 * An operator's action with who did it and why: a fleet-wide pause or resume, or a node's retry,
 * approve or reject (signals and updates of {@link NodeProvisioningWorkflow}). As JSON, e.g. in the
 * Web UI's "Send a Signal": {@code {"by": "alice", "reason": "rack 7 checked"}}; both may be left
 * out.
 *
 * @param reason why, e.g. {@code CA rotation}; may be empty
 * @param by who, e.g. {@code alice@ops1}; may be empty
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ControlRequest(String reason, String by) {
  /** Normalises missing values to empty. */
  public ControlRequest {
    reason = Checks.orEmpty(reason);
    by = Checks.orEmpty(by);
  }
}
