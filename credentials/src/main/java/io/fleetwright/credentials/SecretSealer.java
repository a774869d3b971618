package io.fleetwright.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that must pass through workflow history (a node's provisioning JWT, a helper's
 * private key) with AES-256-GCM under a key only workers hold. The text format is {@code v1.<base64
 * of nonce || ciphertext+tag>}.
 */
public final class SecretSealer {
  private static final String PREFIX = "v1.";
  private static final int NONCE_BYTES = 12;

  private final SecretKeySpec key;

  private SecretSealer(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the sealing key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * Uses a 32-byte key as is.
   *
   * @param key 32 bytes
   * @return the sealer
   */
  public static SecretSealer withKey(byte[] key) {
    return new SecretSealer(key.clone());
  }

  /**
   * Derives the key from a shared secret (for example the provisioning token) with HKDF-SHA256, so
   * that every worker configured alike agrees on it.
   *
   * @param secret the shared secret, not empty
   * @return the sealer
   */
  public static SecretSealer derivedFrom(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("cannot derive a sealing key from an empty secret");
    }
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(
          new SecretKeySpec("fleetwright-seal-v1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] prk = extract.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update("sealed-secrets".getBytes(StandardCharsets.UTF_8));
      expand.update((byte) 1);
      return new SecretSealer(expand.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 is not available in this JDK", e);
    }
  }

  /**
   * A fresh random key: secrets sealed with it open only in this process.
   *
   * @return the sealer
   */
  public static SecretSealer random() {
    byte[] key = new byte[32];
    StripedRandom.nextBytes(key);
    return new SecretSealer(key);
  }

  /**
   * Seals a value.
   *
   * @param plain the secret
   * @return the sealed form, {@code v1.<base64>}, safe for workflow history
   */
  public String seal(String plain) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      StripedRandom.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /**
   * Opens a sealed value.
   *
   * @param text the sealed form, as {@link #seal} returned it
   * @return the secret
   * @throws CredentialException {@link CredentialException.Reason#SEALED_SECRET_INVALID} when this
   *     key cannot open it
   */
  public String open(String text) {
    try {
      if (!text.startsWith(PREFIX)) {
        throw new GeneralSecurityException("unknown format");
      }
      byte[] all = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      if (all.length <= NONCE_BYTES) {
        throw new GeneralSecurityException("too short");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Arrays.copyOf(all, NONCE_BYTES)));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CredentialException(
          CredentialException.Reason.SEALED_SECRET_INVALID,
          "a sealed secret could not be opened ("
              + e.getMessage()
              + "): the workers do not share"
              + " one sealing key; give every worker the same secret_key_file or token");
    }
  }
}
