package io.fleetwright.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwright.protocol.internal.Fields;
import io.fleetwright.protocol.internal.Json;
import java.time.Instant;

/** Encodes and decodes registration publishes; used through {@link ChoriaCodec}. */
final class Registrations {

  private Registrations() {}

  static byte[] encode(ChoriaCodec codec, RegistrationData data, String callerId, Instant now) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("mtime", data.mtime());
    body.put("file", data.file());
    body.put("updated", data.updated());
    body.put("protocol", RegistrationData.PROTOCOL);
    if (data.zcontent() != null) {
      body.put("zcontent", data.zcontent());
    } else {
      body.put("content", data.content());
    }
    RequestEnvelope envelope =
        RequestEnvelope.create(
            data.identity(),
            callerId,
            codec.collective(),
            RegistrationData.AGENT,
            RequestEnvelope.DEFAULT_TTL,
            now,
            Filter.empty());
    return codec.encodeRequest(
        Request.of(ChoriaCodec.json(body), envelope),
        TransportHeaders.request(Subjects.DEV_NULL, data.identity()));
  }

  static RegistrationData decode(ChoriaCodec codec, String subject, byte[] payload) {
    DecodedRequest request = codec.decodeRequest(subject, payload);
    Fields f = new Fields("registration", subject);
    if (!RegistrationData.AGENT.equals(request.envelope().agent())) {
      throw f.fail(
          "envelope.agent",
          "must be \"registration\", got " + Checks.quote(request.envelope().agent()));
    }
    String identity = request.envelope().senderId();
    if (identity.isEmpty() && request.headers().mcSender() != null) {
      identity = request.headers().mcSender();
    }
    JsonNode body = Layers.parse(f, request.payload(), "request.message");
    String protocol = f.text(body, "protocol", "protocol");
    if (!RegistrationData.PROTOCOL.equals(protocol)) {
      throw f.fail(
          "protocol",
          "must be \"" + RegistrationData.PROTOCOL + "\", got " + Checks.quote(protocol));
    }
    JsonNode updated = body.get("updated");
    if (updated != null && !updated.isBoolean() && !updated.isNull()) {
      throw f.fail("updated", "must be a boolean, got " + Fields.describe(updated));
    }
    try {
      return new RegistrationData(
          identity,
          f.integer(body, "mtime", "mtime"),
          f.text(body, "file", "file"),
          updated != null && updated.asBoolean(),
          f.optionalText(body, "zcontent", "zcontent"),
          f.optionalText(body, "content", "content"));
    } catch (ProtocolException e) {
      if (e.getMessage().startsWith(f.where())) {
        throw e;
      }
      throw f.wrap(e);
    }
  }
}
