package io.fleetwright.app.codec;

import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;

/**
 * Two codecs in a fixed order: encoding runs {@code first} then {@code second}, decoding undoes it.
 */
record CodecChain(PayloadCodec first, PayloadCodec second) implements PayloadCodec {
  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return second.encode(first.encode(payloads));
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return first.decode(second.decode(payloads));
  }
}
