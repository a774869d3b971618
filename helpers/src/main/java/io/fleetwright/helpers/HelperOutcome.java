package io.fleetwright.helpers;

import java.util.Objects;

/**
 * What a valid helper reply asks the provisioner to do. The Go provisioner checks {@code defer}
 * first, then {@code shutdown}, and otherwise configures the node (after an optional upgrade).
 */
public sealed interface HelperOutcome
    permits HelperOutcome.Deferred, HelperOutcome.ShutdownRequested, HelperOutcome.Configure {

  /**
   * The helper deferred: give up this round and retry later.
   *
   * @param msg the helper's reason, possibly empty
   */
  record Deferred(String msg) implements HelperOutcome {
    /** Rejects null. */
    public Deferred {
      Objects.requireNonNull(msg, "msg");
    }
  }

  /**
   * The helper asked to shut the node down ({@code choria_provision#shutdown}).
   *
   * @param msg the helper's reason, possibly empty
   */
  record ShutdownRequested(String msg) implements HelperOutcome {
    /** Rejects null. */
    public ShutdownRequested {
      Objects.requireNonNull(msg, "msg");
    }
  }

  /**
   * Configure the node with this reply (upgrade first when {@code upgrade} is set and the feature
   * is on).
   *
   * @param response the full, validated reply
   */
  record Configure(HelperResponse response) implements HelperOutcome {
    /** Rejects null. */
    public Configure {
      Objects.requireNonNull(response, "response");
    }
  }
}
