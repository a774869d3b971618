package io.fleetwright.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Threads draw from DRBG stripes, never from the process-wide NativePRNG lock. */
class StripedRandomTest {
  @Test
  void drawsFreshBytesFromADrbg() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    StripedRandom.nextBytes(a);
    StripedRandom.nextBytes(b);
    assertFalse(Arrays.equals(a, b));
    assertFalse(Arrays.equals(new byte[32], a));
    assertEquals("DRBG", StripedRandom.current().getAlgorithm());
  }
}
