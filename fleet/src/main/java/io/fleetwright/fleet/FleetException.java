package io.fleetwright.fleet;

import java.util.Objects;

/**
 * The one unchecked exception of the fleet module. Its message always says what was attempted, on
 * which node, file or subject, and what to check.
 */
public class FleetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a mandatory message.
   *
   * @param message what failed and how to fix it
   */
  public FleetException(String message) {
    super(Objects.requireNonNull(message, "message"));
  }

  /**
   * Creates an exception with a mandatory message and its cause.
   *
   * @param message what failed and how to fix it
   * @param cause the underlying failure
   */
  public FleetException(String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
  }
}
