package io.fleetwright.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LegacyPemTest {
  private static final byte[] PASSWORD =
      "s3cret-shared-secret-32-bytes-xx".getBytes(StandardCharsets.US_ASCII);

  @Test
  void decryptsAKeyThatOpensslEncrypted() throws Exception {
    LegacyPem.Block encrypted = LegacyPem.parse(resource("pem/openssl-aes256.pem"));
    LegacyPem.Block plain = LegacyPem.parse(resource("pem/openssl-aes256.plain.pem"));
    assertEquals("RSA PRIVATE KEY", encrypted.type());
    assertArrayEquals(plain.bytes(), LegacyPem.decrypt(encrypted, PASSWORD));
  }

  @Test
  void saysThePasswordIsWrongInsteadOfReturningGarbage() throws Exception {
    LegacyPem.Block encrypted = LegacyPem.parse(resource("pem/openssl-aes256.pem"));
    byte[] wrong = PASSWORD.clone();
    wrong[0] ^= 1;
    LegacyPem.PemException e =
        assertThrows(LegacyPem.PemException.class, () -> LegacyPem.decrypt(encrypted, wrong));
    assertTrue(e.getMessage().contains("decryption password incorrect"), e.getMessage());
  }

  @Test
  void refusesAnUnencryptedKey() throws Exception {
    LegacyPem.Block plain = LegacyPem.parse(resource("pem/openssl-aes256.plain.pem"));
    LegacyPem.PemException e =
        assertThrows(LegacyPem.PemException.class, () -> LegacyPem.decrypt(plain, PASSWORD));
    assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
  }

  @Test
  void refusesTextWithoutAPemBlock() {
    LegacyPem.PemException e =
        assertThrows(LegacyPem.PemException.class, () -> LegacyPem.parse("hello"));
    assertTrue(e.getMessage().contains("no PEM BEGIN line"), e.getMessage());
  }

  @Test
  void roundTripsWithTheTestEncryptor() throws Exception {
    byte[] der = "any bytes at all, not only keys".getBytes(StandardCharsets.UTF_8);
    String pem = LegacyPemEncryptor.encrypt(der, PASSWORD);
    assertArrayEquals(der, LegacyPem.decrypt(LegacyPem.parse(pem), PASSWORD));
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = LegacyPemTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
