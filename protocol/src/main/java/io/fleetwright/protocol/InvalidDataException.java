package io.fleetwright.protocol;

import java.util.Objects;

/**
 * An RPC body's {@code data} has a field of the wrong JSON type, or lacks one that is required. The
 * message names the field, the expected type and what came; {@link #field()} names the field alone,
 * so callers can add the agent, action and node.
 */
public final class InvalidDataException extends ProtocolException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the data key at fault, e.g. {@code splay} or {@code action_policies.a.policy}
   * @param message the field, what it must be and what came
   */
  public InvalidDataException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /**
   * The data key at fault.
   *
   * @return the key
   */
  public String field() {
    return field;
  }
}
