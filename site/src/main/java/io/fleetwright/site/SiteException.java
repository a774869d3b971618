package io.fleetwright.site;

import java.util.Objects;

/**
 * A site file or site plan is not valid. The message names the application, component, node or
 * capability at fault and says how to fix it.
 *
 * <p>It extends {@link IllegalArgumentException} because it is thrown by the compact constructors
 * of the site records, where bad input is an illegal argument.
 */
public class SiteException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, where, and the fix; never blank
   */
  public SiteException(String message) {
    super(requireMessage(message));
  }

  /**
   * Creates the exception with the failure that caused it.
   *
   * @param message what is wrong, where, and the fix; never blank
   * @param cause the underlying failure
   */
  public SiteException(String message, Throwable cause) {
    super(requireMessage(message), cause);
  }

  private static String requireMessage(String message) {
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("a SiteException needs a message that names the fix");
    }
    return message;
  }
}
