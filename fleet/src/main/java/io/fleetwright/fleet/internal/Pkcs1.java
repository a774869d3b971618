package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import java.io.IOException;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** PKCS#1 encodings of RSA keys, the form Go's {@code x509.MarshalPKCS1PrivateKey} writes. */
final class Pkcs1 {
  private Pkcs1() {}

  static byte[] privateKey(KeyPair pair) {
    try {
      return PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded())
          .parsePrivateKey()
          .toASN1Primitive()
          .getEncoded();
    } catch (IOException e) {
      throw new FleetException(
          "Could not encode an RSA private key as PKCS#1: " + e.getMessage(), e);
    }
  }
}
