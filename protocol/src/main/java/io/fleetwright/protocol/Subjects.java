package io.fleetwright.protocol;

import io.fleetwright.protocol.internal.Encodings;

/**
 * Builders of the NATS subjects Choria uses. Every builder validates its inputs before building, so
 * a subject that comes out routes exactly where intended.
 */
public final class Subjects {

  /** Where provisioning-mode servers publish {@code file_content} registration data. */
  public static final String REGISTRATION = "provisioning.registration.data";

  /**
   * Where older provisioning-mode servers publish the same registration data (go-choria's
   * provisioning profile set its file-content registration target to this subject).
   */
  public static final String PROVISIONING_DATA = "choria.provisioning_data";

  /** Every subject provisioning-mode servers publish registration data on, newest first. */
  public static final java.util.List<String> REGISTRATION_SUBJECTS =
      java.util.List.of(REGISTRATION, PROVISIONING_DATA);

  /** The reply-to of registration publishes: nobody answers them. */
  public static final String DEV_NULL = "dev.null";

  /** The collective of provisioning-mode servers. */
  public static final String PROVISIONING = "provisioning";

  private Subjects() {}

  /**
   * The subject of one node: {@code <collective>.node.<identity>}.
   *
   * @param collective the collective
   * @param identity the node identity
   * @return the subject
   */
  public static String node(String collective, String identity) {
    return collective(collective) + ".node." + NodeIdentity.validate(identity);
  }

  /**
   * The broadcast subject of an agent: {@code <collective>.broadcast.agent.<agent>}.
   *
   * @param collective the collective
   * @param agent the agent name
   * @return the subject
   */
  public static String broadcastAgent(String collective, String agent) {
    return collective(collective)
        + ".broadcast.agent."
        + NodeIdentity.validateToken(agent, "agent");
  }

  /**
   * The reply subject a Go client uses: {@code <collective>.reply.<md5hex(callerid)>.<requestid>}.
   *
   * @param collective the collective
   * @param callerId the caller id, e.g. {@code choria=provisioner.lab.local}
   * @param requestId the request id
   * @return the subject
   */
  public static String reply(String collective, String callerId, String requestId) {
    return replyPrefix(collective, callerId)
        + "."
        + NodeIdentity.validateToken(requestId, "requestid");
  }

  /**
   * The wildcard covering every reply subject of one caller: {@code
   * <collective>.reply.<md5hex(callerid)>.>}.
   *
   * @param collective the collective
   * @param callerId the caller id
   * @return the subscription subject
   */
  public static String replyWildcard(String collective, String callerId) {
    return replyPrefix(collective, callerId) + ".>";
  }

  /**
   * The lifecycle event subject: {@code choria.lifecycle.event.<type>.<component>}.
   *
   * @param type the event type, e.g. {@code startup}
   * @param component the component, e.g. {@code provision_mode_server}
   * @return the subject
   */
  public static String lifecycle(String type, String component) {
    return "choria.lifecycle.event."
        + NodeIdentity.validateToken(type, "lifecycle type")
        + "."
        + NodeIdentity.validateToken(component, "lifecycle component");
  }

  /**
   * Checks a subject for publishing: non-empty, no whitespace or control characters, no wildcards,
   * no empty tokens.
   *
   * @param subject the subject
   * @return the subject, for chaining
   * @throws ProtocolException naming the subject and the rule it breaks
   */
  public static String requirePublishable(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new ProtocolException("subject must not be empty");
    }
    for (String token : subject.split("\\.", -1)) {
      if (token.isEmpty()) {
        throw new ProtocolException(
            "subject "
                + Checks.quote(subject)
                + " has an empty token (leading, trailing or double dot)");
      }
      try {
        NodeIdentity.validateToken(token, "token");
      } catch (ProtocolException e) {
        throw new ProtocolException(
            "subject " + Checks.quote(subject) + " cannot be published to: " + e.getMessage(), e);
      }
    }
    return subject;
  }

  /**
   * Lowercase hex MD5 of a caller id, the reply-subject token Go clients use.
   *
   * @param callerId the caller id
   * @return 32 lowercase hex characters
   */
  public static String callerHash(String callerId) {
    if (callerId == null || callerId.isEmpty()) {
      throw new ProtocolException("callerid must not be empty");
    }
    return Encodings.md5Hex(callerId);
  }

  private static String replyPrefix(String collective, String callerId) {
    return collective(collective) + ".reply." + callerHash(callerId);
  }

  private static String collective(String collective) {
    return NodeIdentity.validateToken(collective, "collective");
  }
}
