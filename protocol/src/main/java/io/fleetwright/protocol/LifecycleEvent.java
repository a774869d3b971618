package io.fleetwright.protocol;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A Choria lifecycle event, independent of its wire format (see {@link LifecycleCodec}).
 *
 * @param type the event type: startup, shutdown, provisioned, alive, upgraded or governor
 * @param id the event id, a v4 UUID with dashes
 * @param identity the identity of the process that emitted it
 * @param component the emitting component, e.g. {@value #PROVISION_MODE_SERVER}
 * @param timestamp the event time in Unix seconds
 * @param version the software version for startup, alive and upgraded events (for upgraded: the
 *     version that ran {@code release_update}); null otherwise
 * @param newVersion for upgraded events, the version {@code release_update} was asked for
 *     (go-choria writes the request's {@code version}, not what the new binary reports); null
 *     otherwise
 */
public record LifecycleEvent(
    String type,
    String id,
    String identity,
    String component,
    long timestamp,
    @Nullable String version,
    @Nullable String newVersion) {

  /** Emitted after a process has connected and subscribed. */
  public static final String STARTUP = "startup";

  /** Emitted when a process stops or restarts. */
  public static final String SHUTDOWN = "shutdown";

  /** Emitted by {@code choria_provision#configure} before it replies. */
  public static final String PROVISIONED = "provisioned";

  /** Emitted periodically. */
  public static final String ALIVE = "alive";

  /** Emitted after a successful {@code release_update}. */
  public static final String UPGRADED = "upgraded";

  /** Emitted by governors. */
  public static final String GOVERNOR = "governor";

  /** Every type Go's parser knows. */
  public static final Set<String> TYPES =
      Set.of(STARTUP, SHUTDOWN, PROVISIONED, ALIVE, UPGRADED, GOVERNOR);

  /** The component of a server in provisioning mode. */
  public static final String PROVISION_MODE_SERVER = "provision_mode_server";

  /** The component of the provisioner itself. */
  public static final String PROVISIONER = "provisioner";

  /** The protocol prefix of current events; the type follows it. */
  public static final String PROTOCOL_PREFIX = "io.choria.lifecycle.v1.";

  /** Validates every field; an empty version or new version becomes null. */
  public LifecycleEvent {
    Checks.present(type, "type");
    if (!TYPES.contains(type)) {
      throw new ProtocolException(
          "type must be one of alive, governor, provisioned, shutdown, startup, upgraded, got "
              + Checks.quote(type));
    }
    Checks.nonEmpty(id, "id");
    NodeIdentity.validate(identity);
    NodeIdentity.validateToken(component, "component");
    if (timestamp < 0) {
      throw new ProtocolException("timestamp must be Unix seconds, got " + timestamp);
    }
    version = version == null || version.isEmpty() ? null : version;
    newVersion = newVersion == null || newVersion.isEmpty() ? null : newVersion;
  }

  /**
   * An event without a new version: every type but upgraded.
   *
   * @param type the event type
   * @param id the event id
   * @param identity the emitting identity
   * @param component the emitting component
   * @param timestamp the event time in Unix seconds
   * @param version the software version, or null
   */
  public LifecycleEvent(
      String type,
      String id,
      String identity,
      String component,
      long timestamp,
      @Nullable String version) {
    this(type, id, identity, component, timestamp, version, null);
  }

  /**
   * A new event with a random id.
   *
   * @param type the event type
   * @param identity the emitting identity
   * @param component the emitting component
   * @param version the software version, or null for shutdown and provisioned events
   * @param now the event time (truncated to seconds)
   * @return the event
   */
  public static LifecycleEvent create(
      String type, String identity, String component, @Nullable String version, Instant now) {
    return new LifecycleEvent(
        type, UUID.randomUUID().toString(), identity, component, now.getEpochSecond(), version);
  }

  /**
   * A new upgraded event with a random id, as {@code choria_provision#release_update} publishes it
   * before the restart.
   *
   * @param identity the emitting identity
   * @param component the emitting component
   * @param version the version that ran the update
   * @param newVersion the version the update was asked for
   * @param now the event time (truncated to seconds)
   * @return the event
   */
  public static LifecycleEvent upgraded(
      String identity, String component, String version, String newVersion, Instant now) {
    return new LifecycleEvent(
        UPGRADED,
        UUID.randomUUID().toString(),
        identity,
        component,
        now.getEpochSecond(),
        version,
        newVersion);
  }

  /**
   * The protocol string, e.g. {@code io.choria.lifecycle.v1.startup}.
   *
   * @return the protocol string
   */
  public String protocol() {
    return PROTOCOL_PREFIX + type;
  }

  /**
   * The subject this event is published on.
   *
   * @return {@code choria.lifecycle.event.<type>.<component>}
   */
  public String subject() {
    return Subjects.lifecycle(type, component);
  }
}
