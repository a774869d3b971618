package io.fleetwright.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The broker could not be joined at start-up, with the reason sorted out so that the caller can
 * name the setting to fix.
 */
public final class BrokerConnectException extends ProtocolException {

  private static final long serialVersionUID = 1L;

  /** Why the connection failed. */
  public enum Reason {
    /** The broker refused the credentials (or wanted some and got none). */
    AUTHORIZATION,
    /** The broker's certificate is not signed by a CA the client trusts, or names another host. */
    UNTRUSTED_CERTIFICATE,
    /** The broker's certificate is trusted but names another host than the one dialled. */
    WRONG_HOST,
    /** The TLS handshake failed otherwise, e.g. the broker wants a client certificate. */
    TLS_HANDSHAKE,
    /** The broker requires TLS and the client did not offer it. */
    TLS_REQUIRED,
    /** No broker answered. */
    UNREACHABLE
  }

  private final Reason reason;
  private final List<String> brokers;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param reason why the connection failed
   * @param brokers the URLs tried
   * @param problem what happened, naming the brokers, without the fix
   * @param fix what to check, in general terms; a caller that knows its settings names them
   * @param cause the lower-level failure
   */
  public BrokerConnectException(
      Reason reason, List<String> brokers, String problem, String fix, Throwable cause) {
    super(problem + "; " + fix, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.brokers = List.copyOf(brokers);
    this.problem = problem;
  }

  /**
   * @return what happened, naming the brokers, without the general fix
   */
  public String problem() {
    return problem;
  }

  /**
   * @return why the connection failed
   */
  public Reason reason() {
    return reason;
  }

  /**
   * @return the broker URLs tried
   */
  public List<String> brokers() {
    return brokers;
  }
}
