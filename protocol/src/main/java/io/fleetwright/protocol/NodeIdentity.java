package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Choria node's identity, checked once where it enters: off the wire (lifecycle events,
 * registration data, discovery replies), on the command line, in tests. Holding one means it can
 * name the node in a NATS subject and a workflow ID; across Temporal it travels as its plain string
 * ({@link #value()}).
 *
 * <p>The rules are those of a NATS subject, because identities go into subjects unescaped: not
 * empty, at most {@value #MAX_LENGTH} characters, no whitespace or control characters, no {@code *}
 * or {@code >}, no empty dot-separated token. The same rules, without dots, check the other subject
 * tokens (collectives, agents, lifecycle types): {@link #validateToken}. This is the one rule set.
 *
 * @param value the identity, e.g. {@code node1.example.net}
 */
public record NodeIdentity(@JsonValue String value) implements Comparable<NodeIdentity> {

  /** The longest identity accepted (the longest DNS name). */
  public static final int MAX_LENGTH = 253;

  /**
   * Checks the identity.
   *
   * @throws ProtocolException naming the identity and the rule it breaks
   */
  @JsonCreator
  public NodeIdentity {
    check(value, "identity", true);
  }

  /**
   * The identity of {@code value}.
   *
   * @param value the identity
   * @return the checked identity
   * @throws ProtocolException naming the identity and the rule it breaks
   */
  public static NodeIdentity of(String value) {
    return new NodeIdentity(value);
  }

  /**
   * Whether {@code value} is a valid identity.
   *
   * @param value the candidate
   * @return true when {@link #of} accepts it
   */
  public static boolean isValid(String value) {
    try {
      check(value, "identity", true);
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  /**
   * Checks a single subject token such as a collective, agent, lifecycle type or component: the
   * identity rules, and no dots either.
   *
   * @param value the token
   * @param what what the token is, used in the message (e.g. {@code collective})
   * @return the value, for chaining
   * @throws ProtocolException naming the value and the rule it breaks
   */
  public static String validateToken(String value, String what) {
    return check(value, what, false);
  }

  /** Checks an identity given as a string; for the records that keep the wire's string form. */
  static String validate(String identity) {
    return check(identity, "identity", true);
  }

  @Override
  public int compareTo(NodeIdentity other) {
    return value.compareTo(other.value);
  }

  /** Returns the identity itself, so it reads as the node's name in messages. */
  @Override
  public String toString() {
    return value;
  }

  private static String check(String value, String what, boolean dotsAllowed) {
    if (value == null || value.isEmpty()) {
      throw new ProtocolException(what + " must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid(value, what, "is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid(value, what, "contains whitespace at position " + i);
      }
      if (Character.isISOControl(c)) {
        throw invalid(value, what, "contains a non-printable character at position " + i);
      }
      if (c == '*' || c == '>') {
        throw invalid(value, what, "contains the NATS wildcard '" + c + "'");
      }
      if (c == '.' && !dotsAllowed) {
        throw invalid(value, what, "contains a dot; it must be a single subject token");
      }
    }
    if (dotsAllowed && (value.startsWith(".") || value.endsWith(".") || value.contains(".."))) {
      throw invalid(value, what, "has an empty token (leading, trailing or double dot)");
    }
    return value;
  }

  private static ProtocolException invalid(String value, String what, String rule) {
    return new ProtocolException(
        what + " " + Checks.quote(value) + " " + rule + "; it cannot be used in a NATS subject");
  }
}
