package io.fleetwright.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A go-updater release repository served over HTTP on 127.0.0.1, the kind {@code
 * choria_provision#release_update} installs from ({@code upgrades_repository} in the provisioner's
 * config). The layout is go-updater's {@code HTTPDownloader}'s:
 *
 * <pre>
 * &lt;root&gt;/&lt;version&gt;/&lt;os&gt;/&lt;arch&gt;/release.json   {"binary":"&lt;file&gt;","hash":"&lt;sha256&gt;"}
 * &lt;root&gt;/&lt;version&gt;/&lt;os&gt;/&lt;arch&gt;/&lt;file&gt;          the binary, bzip2-compressed
 * </pre>
 *
 * <p>{@code hash} is the lowercase hex SHA-256 of the binary <em>before</em> compression, and
 * {@code binary} is relative to the release's folder; {@link #publish} names it as go-updater's
 * {@code update-repo} tool does: {@code <name>-<os>-<arch>-<version>.bz2}. A server updates itself
 * from {@link #url()} {@code /<version>/<GOOS>/<GOARCH>/release.json}; nothing is signed.
 */
public final class UpdateRepository implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateRepository.class);
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~-]{0,63}");

  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  private UpdateRepository(Path root, HttpServer server) {
    this.root = root;
    this.server = server;
  }

  /**
   * Serves {@code root} (created when missing) on 127.0.0.1 at a free port.
   *
   * @param root the repository folder; releases already in it are served as they are
   * @return the running repository
   * @throws DevStackException when the folder cannot be created or no port can be bound
   */
  public static UpdateRepository start(Path root) {
    try {
      Files.createDirectories(root);
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      UpdateRepository repository = new UpdateRepository(root.toAbsolutePath().normalize(), server);
      server.createContext("/", repository::serve);
      server.setExecutor(repository.executor);
      server.start();
      LOG.info("Update repository {} serving {}", repository.url(), repository.root);
      return repository;
    } catch (IOException e) {
      throw new DevStackException(
          "Could not start the update repository for "
              + root
              + ": "
              + e.getMessage()
              + "; check the folder is writable and 127.0.0.1 can bind a port",
          e);
    }
  }

  /**
   * Returns the base URL without a trailing slash, e.g. {@code http://127.0.0.1:41234}: the value
   * for {@code upgrades_repository} and {@code release_update}'s {@code repository}.
   *
   * @return the base URL
   */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Returns the folder served.
   *
   * @return the repository folder
   */
  public Path root() {
    return root;
  }

  /**
   * Adds a binary file as {@code version} for one platform, as {@code update-repo BINARY --version
   * V --os OS --arch ARCH} does; an existing release of that version and platform is replaced.
   *
   * @param version the version the release is published as (the folder name)
   * @param os a Go {@code GOOS}, e.g. {@code linux}
   * @param arch a Go {@code GOARCH}, e.g. {@code amd64}
   * @param binary the file to publish; its file name becomes the start of the published name
   * @return what was published
   */
  public Release publish(String version, String os, String arch, Path binary) {
    try {
      return publish(
          version, os, arch, binary.getFileName().toString(), Files.readAllBytes(binary));
    } catch (IOException e) {
      throw new DevStackException(
          "Could not read " + binary + " to publish it as " + version + ": " + e.getMessage(), e);
    }
  }

  /**
   * Adds {@code binary} as {@code version} for one platform under the name {@code name}.
   *
   * @param version the version the release is published as
   * @param os a Go {@code GOOS}
   * @param arch a Go {@code GOARCH}
   * @param name the program name, e.g. {@code choria}
   * @param binary the uncompressed program
   * @return what was published
   */
  public Release publish(String version, String os, String arch, String name, byte[] binary) {
    return publishWithHash(version, os, arch, name, binary, sha256(binary));
  }

  /**
   * Adds a release whose {@code release.json} claims {@code hash}, so that a mismatch can be
   * tested: a server downloads it, finds another checksum, and keeps its version.
   *
   * @param version the version the release is published as
   * @param os a Go {@code GOOS}
   * @param arch a Go {@code GOARCH}
   * @param name the program name
   * @param binary the uncompressed program
   * @param hash what {@code release.json} says the SHA-256 is
   * @return what was published
   */
  public Release publishWithHash(
      String version, String os, String arch, String name, byte[] binary, String hash) {
    for (String[] field :
        List.of(
            new String[] {"version", version},
            new String[] {"os", os},
            new String[] {"arch", arch},
            new String[] {"name", name})) {
      if (field[1] == null || !SEGMENT.matcher(field[1]).matches()) {
        throw new DevStackException(
            "update repository: "
                + field[0]
                + " must be one path segment of letters, digits and ._+~- (e.g. 0.99.0, linux,"
                + " amd64, choria), got "
                + (field[1] == null ? "nothing" : "\"" + field[1] + "\""));
      }
    }
    Objects.requireNonNull(hash, "hash");
    String file = name + "-" + os + "-" + arch + "-" + version + ".bz2";
    Path dir = root.resolve(version).resolve(os).resolve(arch);
    try {
      Files.createDirectories(dir);
      write(dir.resolve(file), bzip2(binary));
      String spec = "{\"binary\":\"" + file + "\",\"hash\":\"" + hash + "\"}";
      write(dir.resolve("release.json"), spec.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not publish " + version + " into " + dir, e);
    }
    Release release =
        new Release(version, os, arch, file, hash, url() + "/" + version + "/" + os + "/" + arch);
    LOG.info("Published {} for {}/{} as {} (sha256 {})", version, os, arch, file, hash);
    return release;
  }

  /**
   * Returns how many GET requests asked for {@code path} (e.g. {@code
   * /0.99.0/linux/amd64/release.json}), found or not.
   *
   * @param path the request path
   * @return the count so far
   */
  public int requests(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = path(exchange.getRequestURI());
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      // Leading slashes collapse, as most static file servers do.
      Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        LOG.debug("Update repository: {} {} -> 404", method, path);
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      String type =
          file.getFileName().toString().endsWith(".json")
              ? "application/json"
              : "application/x-bzip2";
      exchange.getResponseHeaders().set("Content-Type", type);
      LOG.debug("Update repository: {} {} -> 200, {} bytes", method, path, body.length);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * The request path. go-updater joins the base URL and the version with "/", so a base URL that
   * ends in "/" asks for {@code //<version>/...}, which parses as a network-path reference whose
   * authority is the version: put it back.
   */
  private static String path(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (uri.getScheme() == null && uri.getAuthority() != null) {
      return "//" + uri.getAuthority() + path;
    }
    return path;
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), ".publish", ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
    try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
      bz.write(data);
    }
    return out.toByteArray();
  }

  /**
   * Returns the lowercase hex SHA-256 of {@code data}, as go-updater writes and compares it.
   *
   * @param data the uncompressed binary
   * @return 64 hex characters
   */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * One published release.
   *
   * @param version the version folder
   * @param os the GOOS folder
   * @param arch the GOARCH folder
   * @param binaryFile the compressed file's name, as {@code release.json} names it
   * @param hash the hash {@code release.json} holds
   * @param url the release folder's URL; {@code url + "/release.json"} is the spec
   */
  public record Release(
      String version, String os, String arch, String binaryFile, String hash, String url) {}
}
