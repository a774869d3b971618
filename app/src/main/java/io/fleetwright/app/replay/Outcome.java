package io.fleetwright.app.replay;

import io.fleetwright.api.HelperDecision;
import java.util.Objects;

/** What a helper call came to: a decision, or a reply production refused. */
sealed interface Outcome {

  /**
   * The reply was a valid decision.
   *
   * @param decision the decision as it enters workflow history
   */
  record Decided(HelperDecision decision) implements Outcome {
    public Decided {
      Objects.requireNonNull(decision, "decision");
    }
  }

  /**
   * Production refused the reply, or the helper failed.
   *
   * @param message the error production raises, naming the helper and the fix
   */
  record Refused(String message) implements Outcome {
    public Refused {
      Objects.requireNonNull(message, "message");
    }
  }
}
