package io.fleetwright.protocol;

/** The two encodings of a Choria lifecycle event. */
public enum LifecycleFormat {
  /** The plain Choria object, {@code {"protocol":"io.choria.lifecycle.v1.<type>",...}}. */
  CHORIA,
  /** A CloudEvents 1.0 envelope whose {@code data} is the Choria object. */
  CLOUD_EVENTS
}
