package io.fleetwright.protocol;

import java.util.Optional;

/** MCollective RPC reply status codes ({@code statuscode}). */
public enum StatusCode {
  /** Success; {@code statusmsg} "OK". */
  OK(0, "OK"),
  /** The action refused or failed; almost every provisioning failure. */
  ABORTED(1, "Aborted"),
  /** The agent has no such action. */
  UNKNOWN_ACTION(2, "Unknown action"),
  /** A required input is missing. */
  MISSING_DATA(3, "Missing data"),
  /** The body or an input could not be decoded or validated. */
  INVALID_DATA(4, "Invalid data"),
  /** A generic failure. */
  UNKNOWN_ERROR(5, "Unknown error");

  private final int code;
  private final String defaultMessage;

  StatusCode(int code, String defaultMessage) {
    this.code = code;
    this.defaultMessage = defaultMessage;
  }

  /**
   * The numeric code on the wire.
   *
   * @return 0 to 5
   */
  public int code() {
    return code;
  }

  /**
   * A generic {@code statusmsg} for this code.
   *
   * @return the message, e.g. {@code OK}
   */
  public String defaultMessage() {
    return defaultMessage;
  }

  /**
   * The status for a numeric code.
   *
   * @param code the wire code
   * @return the status, or empty for a code outside 0 to 5
   */
  public static Optional<StatusCode> forCode(int code) {
    for (StatusCode status : values()) {
      if (status.code == code) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
