package io.fleetwright.app.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.fleetwright.app.ConfigException;
import io.fleetwright.credentials.StripedRandom;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every Temporal payload with AES-256-GCM so workflow history holds no helper output in
 * plain text. Each payload names its key id (the first 8 bytes of the key's SHA-256, hex), so old
 * keys can still decode history after a rotation.
 */
public final class AesGcmCodec implements PayloadCodec {
  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  static final String CIPHER = "encryption-cipher";
  private static final String AES_GCM = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;

  private final String currentId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  /**
   * @param current the key new payloads are encrypted with
   * @param older keys that only decode
   */
  AesGcmCodec(byte[] current, List<byte[]> older) {
    currentId = add(current);
    older.forEach(this::add);
  }

  private String add(byte[] key) {
    if (key.length != 32) {
      throw new ConfigException("a codec key must be 32 bytes, got " + key.length);
    }
    String id = keyId(key);
    keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
    return id;
  }

  static String keyId(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  String currentKeyId() {
    return currentId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(encrypt(p));
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(isEncrypted(p) ? decrypt(p) : p);
    }
    return out;
  }

  private static boolean isEncrypted(Payload p) {
    ByteString encoding = p.getMetadataMap().get("encoding");
    return encoding != null && ENCODING.equals(encoding.toStringUtf8());
  }

  private Payload encrypt(Payload p) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      StripedRandom.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(p.toByteArray());
      byte[] data = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, data, NONCE_BYTES, sealed.length);
      return Payload.newBuilder()
          .putMetadata("encoding", utf8(ENCODING))
          .putMetadata(CIPHER, utf8("AES-256-GCM"))
          .putMetadata(KEY_ID, utf8(currentId))
          .setData(ByteString.copyFrom(data))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("could not encrypt a payload: " + e.getMessage(), e);
    }
  }

  private Payload decrypt(Payload p) {
    ByteString idBytes = p.getMetadataMap().get(KEY_ID);
    String id = idBytes == null ? "<none>" : idBytes.toStringUtf8();
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new PayloadCodecException(
          "cannot decode a payload encrypted with codec key id "
              + id
              + ": this process only has key id(s) "
              + keys.keySet()
              + "; set codec.key_file (or FLEETWRIGHT_CODEC_KEY) to the key with id "
              + id
              + ", or list it under codec.old_key_files");
    }
    byte[] data = p.getData().toByteArray();
    try {
      if (data.length <= NONCE_BYTES) {
        throw new GeneralSecurityException("payload too short");
      }
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Arrays.copyOf(data, NONCE_BYTES)));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "a payload under codec key id " + id + " does not decrypt (" + e.getMessage() + ")", e);
    }
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
