package io.fleetwright.app.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.fleetwright.app.config.ConfigLoader;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmCodecTest {
  private static final byte[] KEY_A = bytes(1);
  private static final byte[] KEY_B = bytes(2);

  @TempDir Path dir;

  @Test
  void encryptsSoThePlainTextIsGoneAndDecodesBack() {
    AesGcmCodec codec = new AesGcmCodec(KEY_A, List.of());
    DataConverter converter = CodecKeys.converter(Optional.of(codec));
    String secret = "-----BEGIN PRIVATE KEY----- s3cret";

    Payload encoded = converter.toPayload(secret).orElseThrow();

    String raw = encoded.toByteString().toString(StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains("s3cret"), raw);
    assertEquals(
        codec.currentKeyId(), encoded.getMetadataMap().get(AesGcmCodec.KEY_ID).toStringUtf8());
    assertEquals(secret, converter.fromPayload(encoded, String.class, String.class));
  }

  @Test
  void aRotatedKeyStillDecodesWhatTheOldKeyEncrypted() {
    Payload plain =
        Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build();
    List<Payload> old = new AesGcmCodec(KEY_A, List.of()).encode(List.of(plain));

    List<Payload> decoded = new AesGcmCodec(KEY_B, List.of(KEY_A)).decode(old);

    assertEquals(plain, decoded.get(0));
  }

  @Test
  void aMissingKeyFailsNamingTheKeyId() {
    Payload plain =
        Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build();
    AesGcmCodec a = new AesGcmCodec(KEY_A, List.of());
    List<Payload> encoded = a.encode(List.of(plain));

    PayloadCodecException e =
        assertThrows(
            PayloadCodecException.class, () -> new AesGcmCodec(KEY_B, List.of()).decode(encoded));

    assertTrue(e.getMessage().contains(a.currentKeyId()), e.getMessage());
    assertTrue(e.getMessage().contains("codec.key_file"), e.getMessage());
  }

  @Test
  void readsTheKeyFromAFileInBase64OrHexOrFromTheEnvironment() throws Exception {
    Path b64 = dir.resolve("b64.key");
    Files.writeString(b64, Base64.getEncoder().encodeToString(KEY_A) + "\n");
    Path hex = dir.resolve("hex.key");
    Files.writeString(hex, HexFormat.of().formatHex(KEY_A));
    String id = AesGcmCodec.keyId(KEY_A);

    assertEquals(id, codecFor(Optional.of(b64), Map.of()).orElseThrow().currentKeyId());
    assertEquals(id, codecFor(Optional.of(hex), Map.of()).orElseThrow().currentKeyId());
    assertEquals(
        id,
        codecFor(Optional.empty(), Map.of(CodecKeys.ENV, HexFormat.of().formatHex(KEY_A)))
            .orElseThrow()
            .currentKeyId());
    assertTrue(codecFor(Optional.empty(), Map.of()).isEmpty());
  }

  @Test
  void aShortKeyIsRejectedNamingTheFileAndTheFix() throws Exception {
    Path bad = dir.resolve("short.key");
    Files.writeString(bad, Base64.getEncoder().encodeToString(new byte[16]));

    ConfigException e =
        assertThrows(ConfigException.class, () -> codecFor(Optional.of(bad), Map.of()));

    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("/dev/urandom"), e.getMessage());
  }

  @Test
  void theConfigSectionIsParsed() {
    ProvisionerConfig config =
        ConfigLoader.parse("codec:\n  key_file: /tmp/k\n  endpoint_port: 8089\n");
    assertEquals(Optional.of(Path.of("/tmp/k")), config.codec().keyFile());
    assertEquals(8089, config.codec().endpointPort());
    assertEquals("127.0.0.1", config.codec().endpointAddress());
    assertEquals("127.0.0.1", config.monitorAddress());
    assertThrows(ConfigException.class, () -> ConfigLoader.parse("codec:\n  keyfile: x\n"));
  }

  @Test
  void theEndpointDoesNotStartWithoutATokenFile() {
    ProvisionerConfig config =
        ConfigLoader.parse("codec:\n  key_file: /tmp/k\n  endpoint_port: 8089\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                CodecKeys.endpoint(config, Optional.of(new AesGcmCodec(new byte[32], List.of()))));
    assertTrue(e.getMessage().contains("codec.endpoint_token_file"), e.getMessage());
  }

  private static Optional<AesGcmCodec> codecFor(Optional<Path> file, Map<String, String> env) {
    return CodecKeys.codec(
        new ProvisionerConfig.Codec(file, List.of(), 0, List.of(), Optional.empty(), "127.0.0.1"),
        env);
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }
}
