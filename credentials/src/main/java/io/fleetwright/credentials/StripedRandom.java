package io.fleetwright.credentials;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Secure randomness without one lock for the whole process. {@code new SecureRandom()} on Linux is
 * NativePRNG, whose every instance reads {@code /dev/urandom} under the same global lock; under
 * load the workflow threads that encrypt payloads waited on it past the Temporal SDK's 10 s
 * deadlock detection (docs/chaos.md). Here sixteen DRBG instances, each seeded once from the
 * system, are picked by thread, so threads seldom share one and never wait on I/O.
 */
public final class StripedRandom {
  private static final int STRIPES = 16;
  private static final SecureRandom[] RANDOMS = new SecureRandom[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      try {
        RANDOMS[i] = SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(
            "this JDK has no DRBG SecureRandom (JDK 9 and later do)", e);
      }
    }
  }

  private StripedRandom() {}

  /** The generator for the calling thread. */
  public static SecureRandom current() {
    return RANDOMS[(int) (Thread.currentThread().threadId() & (STRIPES - 1))];
  }

  /** Fills {@code bytes} with secure random bytes. */
  public static void nextBytes(byte[] bytes) {
    current().nextBytes(bytes);
  }
}
