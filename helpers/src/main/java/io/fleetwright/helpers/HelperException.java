package io.fleetwright.helpers;

import java.util.Objects;

/**
 * The one unchecked exception of the helpers module. Every failure of a helper (or of its
 * configuration) is reported as a {@code HelperException} whose message names the helper, what went
 * wrong and how to fix it, and whose {@link #kind()} tells the caller how to treat it.
 *
 * <p>Activities map the kinds to Temporal failure types: {@link Kind#TIMEOUT} and {@link
 * Kind#CRASHED} are retryable, {@link Kind#INVALID_OUTPUT} and {@link Kind#CONFIG} are permanent
 * (see {@link Kind#retryable()}).
 */
public class HelperException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is; decides whether a retry can help. */
  public enum Kind {
    /**
     * The helper did not finish within its time limit (or, in JavaScript, its statement limit) and
     * was stopped. Retryable.
     */
    TIMEOUT(true),
    /**
     * The helper failed while running: a non-zero exit status, a signal, a thrown guest exception,
     * a syntax error in the helper file, or it could not be started. Retryable, because the helper
     * file may be fixed (in-process helpers pick up a changed file without a restart) or the cause
     * may be transient.
     */
    CRASHED(true),
    /**
     * The helper ran but its output breaks the contract: empty, too large, not UTF-8, not JSON, a
     * field of the wrong type, or a contradictory or unsafe reply. Permanent.
     */
    INVALID_OUTPUT(false),
    /**
     * The helper configuration is invalid (missing file, unknown runtime, bad limit). Permanent.
     */
    CONFIG(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /**
     * Whether running the helper again may succeed.
     *
     * @return true for {@link #TIMEOUT} and {@link #CRASHED}
     */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;

  /**
   * Creates an exception.
   *
   * @param kind what kind of failure this is
   * @param message a message naming the helper, the problem and the fix; never blank
   */
  public HelperException(Kind kind, String message) {
    this(kind, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param kind what kind of failure this is
   * @param message a message naming the helper, the problem and the fix; never blank
   * @param cause the underlying exception, or null
   */
  public HelperException(Kind kind, String message, Throwable cause) {
    super(requireMessage(message), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns the kind of failure.
   *
   * @return the kind, never null
   */
  public Kind kind() {
    return kind;
  }

  private static String requireMessage(String message) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a HelperException needs a message");
    }
    return message;
  }
}
