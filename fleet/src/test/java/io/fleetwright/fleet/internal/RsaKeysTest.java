package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsaKeysTest {

  @Test
  void aPoolHandsOutItsPairsRoundRobinByNodeIndex() {
    RsaKeys pool = RsaKeys.pool(2);
    KeyPair one = pool.keyFor(1);
    assertNotSame(one, pool.keyFor(2), "neighbouring nodes share a pair");
    assertSame(one, pool.keyFor(3));
    assertEquals("RSA", one.getPrivate().getAlgorithm());
  }

  @Test
  void freshKeysDifferOnEveryCall() {
    byte[] first = RsaKeys.FRESH.keyFor(1).getPublic().getEncoded();
    byte[] second = RsaKeys.FRESH.keyFor(1).getPublic().getEncoded();
    assertFalse(Arrays.equals(first, second), "two fresh key pairs are the same");
  }

  @Test
  void poolsOfAProcessShareTheirPairs() {
    assertSame(RsaKeys.pool(3).keyFor(1), RsaKeys.pool(2).keyFor(1));
  }

  @Test
  void refusesAnEmptyPool() {
    var e = assertThrows(IllegalArgumentException.class, () -> new RsaKeys.Pool(List.of()));
    assertTrue(e.getMessage().contains("at least one pair"), e.getMessage());
  }
}
