package io.fleetwright.fleet.internal;

/** Deterministic hashing of (seed, index, salt) into numbers, so every choice is reproducible. */
public final class Mix {
  private Mix() {}

  /** Returns a well-mixed 64-bit value for the inputs (SplitMix64 finaliser). */
  public static long hash(long seed, long index, String salt) {
    long z = seed * 0x9E3779B97F4A7C15L + index;
    z ^= salt.hashCode() * 0xC2B2AE3D27D4EB4FL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Returns a uniform value in [0, 1) for the inputs. */
  public static double unit(long seed, long index, String salt) {
    return (hash(seed, index, salt) >>> 11) * 0x1.0p-53;
  }

  /** Returns a uniform index in [0, bound) for the inputs. */
  public static int pick(long seed, long index, String salt, int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) Math.floorMod(hash(seed, index, salt), (long) bound);
  }
}
