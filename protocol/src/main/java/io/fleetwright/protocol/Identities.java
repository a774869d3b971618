package io.fleetwright.protocol;

/**
 * Validation of node identities and other names that end up as NATS subject tokens. Identities go
 * into subjects unescaped; a space, {@code *} or {@code >} breaks routing and an empty token is an
 * invalid subject.
 */
public final class Identities {

  /** The longest identity accepted (the longest DNS name). */
  public static final int MAX_LENGTH = 253;

  private Identities() {}

  /**
   * Checks an identity: non-empty, at most {@value #MAX_LENGTH} characters, no whitespace or
   * control characters, no {@code *} or {@code >}, no empty dot-separated token.
   *
   * @param identity the identity
   * @return the identity, for chaining
   * @throws ProtocolException naming the identity and the rule it breaks
   */
  public static String validate(String identity) {
    return check(identity, "identity", true);
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

  /**
   * Whether {@link #validate(String)} would accept the identity.
   *
   * @param identity the candidate
   * @return true when valid
   */
  public static boolean isValid(String identity) {
    try {
      validate(identity);
      return true;
    } catch (ProtocolException e) {
      return false;
    }
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
