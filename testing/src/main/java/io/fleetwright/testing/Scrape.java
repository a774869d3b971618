package io.fleetwright.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the monitor endpoint over a plain socket, as Prometheus would, and parses its text. */
public final class Scrape {
  private static final Pattern LE = Pattern.compile("le=\"([^\"]*)\"");

  private Scrape() {}

  /**
   * One HTTP reply.
   *
   * @param status the HTTP status code
   * @param body the body after the headers
   */
  public record Reply(int status, String body) {}

  /**
   * Sends one {@code GET} to 127.0.0.1.
   *
   * @param port the port on 127.0.0.1
   * @param path the path, e.g. {@code /metrics}
   * @return the status and body
   */
  public static Reply get(int port, String path) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int headerEnd = reply.indexOf("\r\n\r\n");
      if (headerEnd < 0 || !reply.startsWith("HTTP/1.")) {
        throw new IllegalStateException("not an HTTP reply from :" + port + path + ": " + reply);
      }
      int status = Integer.parseInt(reply.substring(9, 12));
      return new Reply(status, reply.substring(headerEnd + 4));
    } catch (IOException e) {
      throw new UncheckedIOException("GET 127.0.0.1:" + port + path, e);
    }
  }

  /**
   * The names of every sample line, e.g. {@code x_bucket}, {@code x_count}, {@code y_total}.
   *
   * @param exposition Prometheus text
   * @return the sample names, sorted
   */
  public static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    exposition
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(
            l -> {
              int end = l.length();
              for (char c : new char[] {'{', ' '}) {
                int i = l.indexOf(c);
                if (i >= 0 && i < end) {
                  end = i;
                }
              }
              names.add(l.substring(0, end));
            });
    return names;
  }

  /**
   * The distinct {@code le} bounds of a bucket series.
   *
   * @param exposition Prometheus text
   * @param bucketName the series name, e.g. {@code x_bucket}
   * @return the bounds as written, sorted
   */
  public static Set<String> bucketBounds(String exposition, String bucketName) {
    Set<String> bounds = new TreeSet<>();
    exposition
        .lines()
        .filter(l -> l.startsWith(bucketName + "{"))
        .forEach(
            l -> {
              Matcher m = LE.matcher(l);
              if (m.find()) {
                bounds.add(m.group(1));
              }
            });
    return bounds;
  }
}
