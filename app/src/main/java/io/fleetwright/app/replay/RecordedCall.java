package io.fleetwright.app.replay;

import io.fleetwright.api.HelperInput;
import java.util.Objects;

/**
 * The last helper call of one node run, as its history records it.
 *
 * @param identity the node
 * @param runId the workflow run
 * @param input what the helper got: identity, inventory, CSR, JWT claims, ed25519 key
 * @param outcome what production made of the reply
 */
record RecordedCall(String identity, String runId, HelperInput input, Outcome outcome) {
  RecordedCall {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(outcome, "outcome");
  }
}
