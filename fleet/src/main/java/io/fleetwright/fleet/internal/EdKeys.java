package io.fleetwright.fleet.internal;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The ed25519 and X25519 operations of {@code gen25519}, {@code jwt} and {@code configure}. */
public final class EdKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EdKeys() {}

  /** Returns a fresh ed25519 private key. */
  public static Ed25519PrivateKeyParameters newEd25519() {
    return new Ed25519PrivateKeyParameters(RANDOM);
  }

  /** Signs {@code message} with {@code key}; returns the 64-byte signature. */
  public static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Returns a fresh X25519 private key. */
  public static X25519PrivateKeyParameters newX25519() {
    return new X25519PrivateKeyParameters(RANDOM);
  }

  /** Computes the 32-byte X25519 shared secret of a local private and a remote public key. */
  public static byte[] sharedSecret(X25519PrivateKeyParameters local, byte[] remotePublic) {
    if (remotePublic.length != X25519PublicKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException(
          "an X25519 public key has 32 bytes, got " + remotePublic.length);
    }
    byte[] out = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
    local.generateSecret(new X25519PublicKeyParameters(remotePublic, 0), out, 0);
    return out;
  }
}
