package io.fleetwright.devstack;

/**
 * A local server process could not be started, reached or stopped; the message says what and how to
 * fix it.
 */
public class DevStackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was attempted, what happened and what to check
   */
  public DevStackException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was attempted, what happened and what to check
   * @param cause the underlying failure
   */
  public DevStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
