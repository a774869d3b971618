package io.fleetwright.app.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflates payloads over a size threshold, so the input of a 10,000-node site run (plan, ledger and
 * prerequisites: mostly repeated node names) stays far below Temporal's 2 MiB payload limit. Small
 * payloads, such as a node workflow's, pass unchanged and stay readable in the Web UI.
 */
final class DeflateCodec implements PayloadCodec {
  static final String ENCODING = "binary/x-fleetwright-deflate";
  static final int THRESHOLD = 64 * 1024;

  /** Inflated payloads larger than this are refused: no payload Temporal accepts grows beyond. */
  private static final int MAX_INFLATED = 256 * 1024 * 1024;

  private final int threshold;

  DeflateCodec() {
    this(THRESHOLD);
  }

  DeflateCodec(int threshold) {
    this.threshold = threshold;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      out.add(p.getSerializedSize() > threshold ? deflate(p) : p);
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) {
      ByteString encoding = p.getMetadataMap().get("encoding");
      out.add(encoding != null && ENCODING.equals(encoding.toStringUtf8()) ? inflate(p) : p);
    }
    return out;
  }

  private static Payload deflate(Payload p) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(p.toByteArray());
      deflater.finish();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(p.getSerializedSize() / 4);
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        bytes.write(buffer, 0, deflater.deflate(buffer));
      }
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFrom(ENCODING, StandardCharsets.UTF_8))
          .setData(ByteString.copyFrom(bytes.toByteArray()))
          .build();
    } finally {
      deflater.end();
    }
  }

  private static Payload inflate(Payload p) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(p.getData().toByteArray());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(p.getData().size() * 4);
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("the deflated data ends early");
        }
        bytes.write(buffer, 0, n);
        if (bytes.size() > MAX_INFLATED) {
          throw new DataFormatException("it inflates beyond " + MAX_INFLATED + " bytes");
        }
      }
      return Payload.parseFrom(bytes.toByteArray());
    } catch (DataFormatException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "a payload marked " + ENCODING + " does not inflate (" + e.getMessage() + ")", e);
    } finally {
      inflater.end();
    }
  }
}
