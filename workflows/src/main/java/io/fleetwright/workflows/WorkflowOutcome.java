package io.fleetwright.workflows;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a finished node workflow reports besides its state and timings. */
record WorkflowOutcome(
    String message,
    List<String> configurationKeys,
    @Nullable String certificateSerial,
    @Nullable String certificateFingerprint) {

  WorkflowOutcome {
    configurationKeys = List.copyOf(configurationKeys);
  }

  static WorkflowOutcome message(String message) {
    return new WorkflowOutcome(message, List.of(), null, null);
  }
}
