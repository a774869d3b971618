package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.graalvm.polyglot.Source;

/**
 * The helper file of an in-process runner. Each call costs one {@code stat}: when the modification
 * time, size or file key changed, the file is read again, and a new content hash makes a new {@link
 * Version} (the pool then replaces its contexts). The {@link Source} is held strongly so the engine
 * keeps its cached code.
 */
final class HelperSource {
  private final Path file;
  private final GuestLanguage language;
  private volatile Version current;

  /**
   * One version of the file's content.
   *
   * @param generation increases with every content change
   * @param source the polyglot source
   */
  record Version(long generation, Source source, Object stamp, byte[] hash) {}

  HelperSource(Path file, GuestLanguage language) {
    this.file = file;
    this.language = language;
  }

  String fileName() {
    return file.getFileName().toString();
  }

  /** The current version, re-read when the file changed since the last call. */
  Version current() {
    Version known = current;
    Object stamp = stamp();
    if (known != null && known.stamp().equals(stamp)) {
      return known;
    }
    return reload(stamp);
  }

  private synchronized Version reload(Object stamp) {
    Version known = current;
    if (known != null && known.stamp().equals(stamp)) {
      return known;
    }
    byte[] bytes = read();
    byte[] hash = sha256(bytes);
    if (known != null && Arrays.equals(known.hash(), hash)) {
      current = new Version(known.generation(), known.source(), stamp, hash);
    } else {
      Source source = language.source(fileName(), decode(bytes));
      current = new Version(known == null ? 1 : known.generation() + 1, source, stamp, hash);
    }
    return current;
  }

  private Object stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Arrays.asList(a.lastModifiedTime(), a.size(), Objects.toString(a.fileKey()));
    } catch (IOException e) {
      throw missing(e);
    }
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw missing(e);
    }
  }

  private String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HelperException(
          HelperException.Kind.CRASHED,
          "helper " + file + " cannot be loaded: the file is not valid UTF-8; save it as UTF-8");
    }
  }

  private HelperException missing(IOException e) {
    return new HelperException(
        HelperException.Kind.CRASHED,
        "helper "
            + file
            + " cannot be read ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); restore the file or fix its permissions, it is picked up on the next call",
        e);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
