package io.fleetwright.app.replay;

import io.fleetwright.activities.HelperDecisions;
import io.fleetwright.api.SealedSecret;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import io.fleetwright.helpers.HelperRunner;
import io.temporal.failure.ApplicationFailure;

/**
 * Runs a helper on a recorded input, as the worker's {@code runHelper} would, and compares the
 * reply with the recorded decision. Nothing leaves the process: no RPC, no signing, no sealing.
 */
final class HelperReplay {
  /** Stands in for a helper-supplied key, which production would seal; the replay never does. */
  private static final SealedSecret NEW_KEY = new SealedSecret("[new key, not sealed]");

  private final HelperRunner runner;

  HelperReplay(HelperRunner runner) {
    this.runner = runner;
  }

  /** The helper's reply and the verdict for one recorded call. */
  record Replayed(Verdict verdict, Outcome outcome, HelperResponse response) {}

  Verdict verdict(RecordedCall call) {
    return replay(call).verdict();
  }

  Replayed replay(RecordedCall call) {
    HelperResponse response = null;
    Outcome outcome;
    try {
      response = runner.run(call.input());
      outcome = new Outcome.Decided(HelperDecisions.of(response, runner.name(), key -> NEW_KEY));
    } catch (HelperException e) {
      outcome = new Outcome.Refused(e.kind() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      outcome = new Outcome.Refused("JWT_INVALID: " + e.getMessage());
    } catch (ApplicationFailure e) {
      outcome = new Outcome.Refused(e.getType() + ": " + e.getOriginalMessage());
    }
    Verdict verdict =
        DecisionComparison.compare(call.identity(), call.runId(), call.outcome(), outcome);
    return new Replayed(verdict, outcome, response);
  }
}
