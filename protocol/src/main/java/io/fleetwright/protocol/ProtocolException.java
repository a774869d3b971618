package io.fleetwright.protocol;

import java.util.Objects;

/**
 * The unchecked base exception of the protocol module. Every failure to encode, decode, validate or
 * deliver a Choria message is reported with one of these, and the message always says what was
 * attempted, on which subject or node, which field was wrong and what came back.
 */
public class ProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a mandatory message.
   *
   * @param message what went wrong, naming the subject, field or node; never blank
   */
  public ProtocolException(String message) {
    super(requireMessage(message));
  }

  /**
   * Creates an exception with a mandatory message and the underlying cause.
   *
   * @param message what went wrong, naming the subject, field or node; never blank
   * @param cause the lower-level failure
   */
  public ProtocolException(String message, Throwable cause) {
    super(requireMessage(message), cause);
  }

  private static String requireMessage(String message) {
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("a ProtocolException needs a non-blank message");
    }
    return message;
  }
}
