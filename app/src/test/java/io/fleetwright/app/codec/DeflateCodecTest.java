package io.fleetwright.app.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeflateCodecTest {
  private static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void leavesSmallPayloadsReadable() {
    Payload small = json("{\"identity\":\"node1\"}");

    assertEquals(List.of(small), new DeflateCodec().encode(List.of(small)));
  }

  @Test
  void deflatesLargePayloadsAndRestoresThemExactly() {
    Payload large = json("\"node-0001.example.net\",".repeat(10_000));

    Payload encoded = new DeflateCodec().encode(List.of(large)).get(0);

    assertEquals(DeflateCodec.ENCODING, encoded.getMetadataMap().get("encoding").toStringUtf8());
    assertTrue(encoded.getSerializedSize() < large.getSerializedSize() / 10, encoded.toString());
    assertEquals(List.of(large), new DeflateCodec().decode(List.of(encoded)));
  }

  @Test
  void refusesACorruptDeflatedPayloadNamingTheEncoding() {
    Payload corrupt =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8(DeflateCodec.ENCODING))
            .setData(ByteString.copyFromUtf8("not deflated"))
            .build();

    PayloadCodecException e =
        assertThrows(
            PayloadCodecException.class, () -> new DeflateCodec().decode(List.of(corrupt)));
    assertTrue(
        e.getMessage().startsWith("a payload marked " + DeflateCodec.ENCODING), e.getMessage());
  }

  @Test
  void chainedWithEncryptionItDeflatesBeforeItEncrypts() {
    AesGcmCodec aes = new AesGcmCodec(new byte[32], List.of());
    CodecChain chain = new CodecChain(new DeflateCodec(), aes);
    Payload large = json("\"node-0001.example.net\",".repeat(10_000));

    Payload encoded = chain.encode(List.of(large)).get(0);

    assertEquals(AesGcmCodec.ENCODING, encoded.getMetadataMap().get("encoding").toStringUtf8());
    assertTrue(encoded.getSerializedSize() < large.getSerializedSize() / 10, "deflated first");
    assertEquals(List.of(large), chain.decode(List.of(encoded)));
  }
}
