package io.fleetwright.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChoriaVersionsTest {
  @Test
  void theSameVersionWrittenDifferentlyIsTheSame() {
    assertTrue(ChoriaVersions.same("0.99.0", "0.99.0"));
    assertTrue(ChoriaVersions.same("0.99.0", " 0.99.0 "));
    assertTrue(ChoriaVersions.same("0.99.0", "0:0.99.0"));
    assertTrue(ChoriaVersions.same("0.99.00", "0.99.0"));
    assertTrue(ChoriaVersions.same("0.99.0", "0_99_0"));
    assertTrue(ChoriaVersions.same("0.30.2-1.el9", "0.30.2-01.el9"));
  }

  @Test
  void otherVersionsReleasesEpochsAndPrefixesDiffer() {
    assertFalse(ChoriaVersions.same("0.30.2", "0.99.0"));
    assertFalse(ChoriaVersions.same("0.99.0", "0.99"));
    assertFalse(ChoriaVersions.same("0.99.0", "0.99.0-1"));
    assertFalse(ChoriaVersions.same("0.99.0", "1:0.99.0"));
    assertFalse(ChoriaVersions.same("v0.99.0", "0.99.0"));
    assertFalse(ChoriaVersions.same("0.99.0~rc1", "0.99.0"));
    assertFalse(ChoriaVersions.same("", "0.99.0"));
  }
}
