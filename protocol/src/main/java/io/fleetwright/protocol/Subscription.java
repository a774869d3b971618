package io.fleetwright.protocol;

/**
 * A live subscription of a {@link ChoriaClient}. Malformed messages never end it; close it to stop
 * receiving.
 */
public interface Subscription extends AutoCloseable {

  /**
   * The subscribed subject.
   *
   * @return the subject, possibly with wildcards
   */
  String subject();

  /**
   * Whether messages are still being delivered.
   *
   * @return false once closed (or the client closed)
   */
  boolean active();

  /** Stops delivery. Idempotent. */
  @Override
  void close();
}
