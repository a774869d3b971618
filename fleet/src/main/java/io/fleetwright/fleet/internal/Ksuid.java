package io.fleetwright.fleet.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;

/**
 * KSUIDs, the form of the {@code jti} claim in JWTs made by Choria's tokens package: a 4-byte
 * timestamp (seconds since 2014-05-13T16:53:20Z) and 16 random bytes, as 27 base62 characters.
 */
public final class Ksuid {
  /** The KSUID epoch in Unix seconds. */
  public static final long EPOCH_SECONDS = 1_400_000_000L;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
  private static final int LENGTH = 27;
  private static final Random RANDOM = new SecureRandom();

  private Ksuid() {}

  /**
   * Makes a new KSUID.
   *
   * @param now its timestamp
   * @return 27 base62 characters
   */
  public static String next(Instant now) {
    byte[] payload = new byte[16];
    RANDOM.nextBytes(payload);
    ByteBuffer raw = ByteBuffer.allocate(20);
    raw.putInt((int) (now.getEpochSecond() - EPOCH_SECONDS));
    raw.put(payload);
    BigInteger n = new BigInteger(1, raw.array());
    StringBuilder out = new StringBuilder();
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(SIXTY_TWO);
      out.append(BASE62.charAt(qr[1].intValue()));
      n = qr[0];
    }
    while (out.length() < LENGTH) {
      out.append('0');
    }
    return out.reverse().toString();
  }

  /**
   * Reads the timestamp back, for tests and logs.
   *
   * @param ksuid a KSUID
   * @return its timestamp
   */
  public static Instant timestamp(String ksuid) {
    BigInteger n = BigInteger.ZERO;
    for (char c : ksuid.toCharArray()) {
      n = n.multiply(SIXTY_TWO).add(BigInteger.valueOf(BASE62.indexOf(c)));
    }
    long seconds = n.shiftRight(128).longValueExact();
    return Instant.ofEpochSecond(seconds + EPOCH_SECONDS);
  }
}
