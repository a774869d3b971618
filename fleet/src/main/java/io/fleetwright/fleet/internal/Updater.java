package io.fleetwright.fleet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwright.fleet.EmulatedRelease;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * What go-updater's {@code Apply} does for {@code release_update}, with its error texts: fetch
 * {@code <repo>/<version>/<os>/<arch>/release.json}, download the {@code binary} it names next to
 * it, bunzip2 it, and compare the SHA-256 of the result with {@code hash}. Nothing is written: the
 * caller only learns which version the program reports. Unlike go-updater, whose {@code http.Get}
 * has no timeout, a download gives up after {@link #TIMEOUT}, so a hung repository cannot hold an
 * emulated node's mutex for ever.
 */
final class Updater {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEEP = 4096;
  private static final Map<Integer, String> STATUS =
      Map.of(
          400, "Bad Request",
          401, "Unauthorized",
          403, "Forbidden",
          404, "Not Found",
          405, "Method Not Allowed",
          500, "Internal Server Error",
          502, "Bad Gateway",
          503, "Service Unavailable",
          504, "Gateway Timeout");
  private static volatile HttpClient client;

  /** An update that did not happen; the message is go-updater's error text. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  private Updater() {}

  /**
   * Downloads and checks a release and returns the version the installed program would report.
   *
   * @param repository the repository base URL
   * @param version the release to install
   * @param corrupt pretend the download came out different ({@code Fault.BAD_UPDATE_CHECKSUM})
   */
  static String apply(String repository, String version, boolean corrupt)
      throws Failed, InterruptedException {
    if (repository.isEmpty()) {
      throw new Failed(
          "invalid updater configuration: no source repo given, please use SourceRepo()");
    }
    if (version.isEmpty()) {
      throw new Failed("invalid updater configuration: no version given, please use Version()");
    }
    String base =
        repository + "/" + version + "/" + EmulatedRelease.OS + "/" + EmulatedRelease.ARCH + "/";
    String specUrl = base + "release.json";
    HttpResponse<InputStream> spec;
    try {
      spec = get(specUrl);
    } catch (Failed e) {
      throw new Failed(
          "release " + version + " not found: could not download release spec: " + e.getMessage());
    }
    String binary;
    String hash;
    try (InputStream body = spec.body()) {
      if (spec.statusCode() != 200) {
        throw new Failed(
            "release "
                + version
                + " not found: could not fetch release from "
                + specUrl
                + ": "
                + status(spec.statusCode()));
      }
      JsonNode json = JSON.readTree(body.readNBytes(1 << 20));
      binary = text(json, "binary");
      hash = text(json, "hash");
    } catch (IOException | IllegalArgumentException e) {
      throw new Failed(
          "release "
              + version
              + " not found: could not parse spec "
              + specUrl
              + ": "
              + firstLine(e));
    }
    Download download = download(base + binary);
    String sum = corrupt ? sha256(new byte[] {1}) : download.sha256();
    if (!sum.equals(hash)) {
      throw new Failed("downloaded file had an invalid checksum");
    }
    return EmulatedRelease.versionOf(download.head()).orElse(version);
  }

  private record Download(String sha256, byte[] head) {}

  private static Download download(String url) throws Failed, InterruptedException {
    HttpResponse<InputStream> response;
    try {
      response = get(url);
    } catch (Failed e) {
      throw new Failed("download failed: " + e.getMessage());
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new Failed(
            "download failed: could not download binary: " + status(response.statusCode()));
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] head = new byte[KEEP];
      int kept = 0;
      try (InputStream in = new BZip2CompressorInputStream(body)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
          int copy = Math.min(n, KEEP - kept);
          System.arraycopy(buffer, 0, head, kept, copy);
          kept += copy;
        }
      } catch (IOException e) {
        throw new Failed(
            "download failed: could not save file: bzip2 data invalid: " + firstLine(e));
      }
      return new Download(HexFormat.of().formatHex(digest.digest()), Arrays.copyOf(head, kept));
    } catch (IOException e) {
      throw new Failed("download failed: could not save file: " + firstLine(e));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** A GET as Go's {@code http.Get} reports its failures: {@code Get "<url>": <why>}. */
  private static HttpResponse<InputStream> get(String url) throws Failed, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Failed("Get \"" + url + "\": parse \"" + url + "\": " + firstLine(e));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Failed("Get \"" + url + "\": unsupported protocol scheme \"" + scheme + "\"");
    }
    try {
      return client()
          .send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      String port =
          uri.getPort() < 0 ? (scheme.equals("https") ? "443" : "80") : "" + uri.getPort();
      throw new Failed(
          "Get \""
              + url
              + "\": dial tcp "
              + uri.getHost()
              + ":"
              + port
              + ": connect: connection refused");
    } catch (IOException | IllegalArgumentException e) {
      throw new Failed("Get \"" + url + "\": " + firstLine(e));
    }
  }

  private static HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (Updater.class) {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(10))
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build();
        }
        c = client;
      }
    }
    return c;
  }

  /** Go decodes a missing key as "" and a key of another type as an error. */
  private static String text(JsonNode json, String key) {
    if (!json.isObject()) {
      throw new IllegalArgumentException(
          "json: cannot unmarshal " + json.getNodeType().name().toLowerCase() + " into Go value");
    }
    JsonNode value = json.get(key);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          "json: cannot unmarshal "
              + value.getNodeType().name().toLowerCase()
              + " into Go struct field Spec."
              + key
              + " of type string");
    }
    return value.textValue();
  }

  private static String status(int code) {
    return code + Optional.ofNullable(STATUS.get(code)).map(s -> " " + s).orElse("");
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
