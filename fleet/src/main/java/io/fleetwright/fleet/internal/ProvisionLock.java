package io.fleetwright.fleet.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The per-node provisioning lease of the real agent: held by {@code "<senderid>.<callerid>"} for
 * two minutes, renewed on every locked call by the holder, refused to anyone else inside the
 * window.
 */
public final class ProvisionLock {
  /** How long a lease lasts after each locked call. */
  public static final Duration WINDOW = Duration.ofMinutes(2);

  private String holder;
  private long until;

  /**
   * Takes or renews the lease for {@code sender.caller} at {@code now}; false when someone else
   * holds it.
   */
  public synchronized boolean tryLock(String sender, String caller, Instant now) {
    String key = sender + "." + caller;
    long nowMillis = now.toEpochMilli();
    if (nowMillis < until && !key.equals(holder)) {
      return false;
    }
    holder = key;
    until = nowMillis + WINDOW.toMillis();
    return true;
  }

  /** Forgets the lease, as a restarted process would. */
  public synchronized void reset() {
    holder = null;
    until = 0;
  }
}
