package io.fleetwright.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every message on the broker ({@code >}), so the test can read lifecycle events and scan
 * everything that crossed the wire, including the base64 layer of v1 transport envelopes.
 */
final class WireTap implements AutoCloseable {
  /**
   * A lifecycle event as the server published it; {@code version} and {@code newVersion} are empty
   * strings when the event has none.
   */
  record Event(String type, String identity, String component, String version, String newVersion) {}

  private record Seen(String subject, byte[] data) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final Connection connection;

  WireTap(String url) throws Exception {
    connection =
        Nats.connect(
            new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).build());
    connection
        .createDispatcher(m -> seen.add(new Seen(m.getSubject(), m.getData())))
        .subscribe(">");
    connection.flush(Duration.ofSeconds(5));
  }

  int count() {
    return seen.size();
  }

  /** The lifecycle events seen so far, in arrival order, CloudEvents and Choria format alike. */
  List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (Seen s : seen) {
      if (s.subject().startsWith("choria.lifecycle.event.")) {
        parse(s.data()).ifPresent(events::add);
      }
    }
    return events;
  }

  /** The subjects of messages whose text, or decoded transport data, contains {@code needle}. */
  List<String> subjectsContaining(String needle) {
    List<String> hits = new ArrayList<>();
    for (Seen s : seen) {
      String text = new String(s.data(), StandardCharsets.UTF_8);
      if (text.contains(needle) || decodedData(text).contains(needle)) {
        hits.add(s.subject());
      }
    }
    return hits;
  }

  /**
   * Writes every message, with the transport's base64 layer decoded, to {@code file}: the record a
   * CI run keeps of what the real servers said.
   */
  void dump(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Seen s : seen) {
      String text = new String(s.data(), StandardCharsets.UTF_8);
      out.append(s.subject()).append('\n').append(text).append('\n');
      String decoded = decodedData(text);
      if (!decoded.isEmpty()) {
        out.append("  data: ").append(decoded).append('\n');
      }
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }

  private static String decodedData(String text) {
    try {
      JsonNode data = JSON.readTree(text).path("data");
      if (data.isTextual()) {
        return new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8);
      }
    } catch (Exception notAnEnvelope) {
      // Lifecycle events and raw payloads are not base64 envelopes; their text was scanned.
    }
    return "";
  }

  private static Optional<Event> parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if ("1.0".equals(node.path("specversion").asText())) {
        node = node.path("data");
      }
      return Optional.of(
          new Event(
              node.path("protocol").asText(),
              node.path("identity").asText(),
              node.path("component").asText(),
              node.path("version").asText(),
              node.path("new_version").asText()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
