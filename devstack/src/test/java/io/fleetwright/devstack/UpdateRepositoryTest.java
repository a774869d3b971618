package io.fleetwright.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The go-updater layout over a real socket: what a server's updater fetches, and nothing else. */
class UpdateRepositoryTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesReleaseJsonAndTheBzip2BinaryWhereGoUpdaterLooks(@TempDir Path dir) throws Exception {
    byte[] program = "#!/bin/sh\necho 0.99.0\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    try (UpdateRepository repo = UpdateRepository.start(dir)) {
      UpdateRepository.Release release =
          repo.publish("0.99.0", "linux", "amd64", "choria", program);

      HttpResponse<byte[]> spec = get(repo.url() + "/0.99.0/linux/amd64/release.json");
      assertEquals(200, spec.statusCode());
      assertEquals(
          "{\"binary\":\"choria-linux-amd64-0.99.0.bz2\",\"hash\":\""
              + UpdateRepository.sha256(program)
              + "\"}",
          new String(spec.body(), StandardCharsets.UTF_8));
      HttpResponse<byte[]> binary = get(release.url() + "/" + release.binaryFile());
      assertEquals(200, binary.statusCode());
      try (InputStream in =
          new BZip2CompressorInputStream(new ByteArrayInputStream(binary.body()))) {
        assertArrayEquals(program, in.readAllBytes());
      }
      assertEquals(1, repo.requests("/0.99.0/linux/amd64/release.json"));
    }
  }

  @Test
  void answersMissingReleasesFoldersAndEscapesWith404(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "not in the repository");
    try (UpdateRepository repo = UpdateRepository.start(dir.resolve("repo"))) {
      repo.publish("0.99.0", "linux", "amd64", "choria", new byte[] {1, 2, 3});
      assertEquals(404, get(repo.url() + "/0.98.0/linux/amd64/release.json").statusCode());
      assertEquals(404, get(repo.url() + "/0.99.0/linux/amd64/").statusCode());
      assertEquals(404, get(repo.url() + "/../secret.txt").statusCode());
      assertEquals(404, get(repo.url() + "/%2e%2e/secret.txt").statusCode());
      assertEquals(200, get(repo.url() + "//0.99.0/linux/amd64/release.json").statusCode());
    }
  }

  @Test
  void publishesAClaimedHashForChecksumTests(@TempDir Path dir) throws Exception {
    try (UpdateRepository repo = UpdateRepository.start(dir)) {
      repo.publishWithHash("0.99.1", "linux", "amd64", "choria", new byte[] {1}, "00ff");
      String spec =
          new String(
              get(repo.url() + "/0.99.1/linux/amd64/release.json").body(), StandardCharsets.UTF_8);
      assertTrue(spec.contains("\"hash\":\"00ff\""), spec);
    }
  }

  @Test
  void refusesAVersionThatIsNotOnePathSegment(@TempDir Path dir) {
    try (UpdateRepository repo = UpdateRepository.start(dir)) {
      DevStackException e =
          assertThrows(
              DevStackException.class,
              () -> repo.publish("../0.99.0", "linux", "amd64", "choria", new byte[] {1}));
      assertTrue(e.getMessage().contains("version must be one path segment"), e.getMessage());
      assertTrue(e.getMessage().contains("\"../0.99.0\""), e.getMessage());
    }
  }
}
