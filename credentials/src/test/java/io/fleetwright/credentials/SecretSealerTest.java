package io.fleetwright.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretSealerTest {

  @Test
  void workersWithTheSameTokenOpenEachOthersSecrets() {
    String sealed = SecretSealer.derivedFrom("s3cret").seal("aaa.bbb.ccc");

    assertTrue(sealed.startsWith("v1."), sealed);
    assertFalse(sealed.contains("aaa.bbb.ccc"), sealed);
    assertEquals("aaa.bbb.ccc", SecretSealer.derivedFrom("s3cret").open(sealed));
  }

  @Test
  void anotherKeyCannotOpenItAndTheMessageNamesTheFix() {
    String sealed = SecretSealer.derivedFrom("s3cret").seal("aaa.bbb.ccc");

    CredentialException e =
        assertThrows(CredentialException.class, () -> SecretSealer.random().open(sealed));

    assertEquals(CredentialException.Reason.SEALED_SECRET_INVALID, e.reason());
    assertTrue(e.getMessage().contains("same secret_key_file or token"), e.getMessage());
  }
}
