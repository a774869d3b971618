package io.fleetwright.fleet.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provisioner's half of §4.5, written independently for tests: legacy OpenSSL PEM encryption
 * with AES-256-CBC and an MD5 EVP_BytesToKey, like Go's {@code x509.EncryptPEMBlock}.
 */
final class LegacyPemEncryptor {
  private LegacyPemEncryptor() {}

  static String encrypt(byte[] der, byte[] password) throws Exception {
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(iv);
    byte[] salt = Arrays.copyOf(iv, 8);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] d1 = md5.digest(concat(password, salt));
    byte[] d2 = md5.digest(concat(d1, password, salt));
    byte[] key = concat(d1, d2);
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    byte[] body = cipher.doFinal(der);
    StringBuilder hexIv = new StringBuilder();
    for (byte b : iv) {
      hexIv.append(String.format("%02X", b));
    }
    return "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,"
        + hexIv
        + "\n\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(body)
        + "\n-----END RSA PRIVATE KEY-----\n";
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
