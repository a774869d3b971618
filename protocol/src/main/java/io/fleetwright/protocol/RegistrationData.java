package io.fleetwright.protocol;

import io.fleetwright.protocol.internal.Encodings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code file_content} registration payload a provisioning-mode server publishes on {@link
 * Subjects#REGISTRATION}, plus the identity of the server that sent it (taken from the request
 * envelope's {@code senderid}, which is not part of the payload).
 *
 * @param identity the sending server's identity
 * @param mtime the file's modification time in Unix seconds
 * @param file the path of the file on the server
 * @param updated true only when the mtime grew since the previous publish
 * @param zcontent standard base64 of the gzip-compressed file bytes, or null
 * @param content standard base64 of the raw file bytes when not compressed, or null
 */
public record RegistrationData(
    String identity,
    long mtime,
    String file,
    boolean updated,
    @Nullable String zcontent,
    @Nullable String content) {

  /** The payload's {@code protocol} value. */
  public static final String PROTOCOL = "choria:registration:filecontent:1";

  /** The envelope agent of registration publishes. */
  public static final String AGENT = "registration";

  /** Validates the identity and requires exactly one of zcontent and content. */
  public RegistrationData {
    NodeIdentity.validate(identity);
    Checks.present(file, "file");
    zcontent = zcontent == null || zcontent.isEmpty() ? null : zcontent;
    content = content == null || content.isEmpty() ? null : content;
    if (zcontent == null && content == null) {
      throw new ProtocolException("zcontent or content must be present; both are missing");
    }
  }

  /**
   * Registration data for file bytes, gzip-compressed as Go does by default.
   *
   * @param identity the sending server's identity
   * @param file the file path
   * @param mtime the file's modification time in Unix seconds
   * @param updated whether the file changed since the previous publish
   * @param bytes the file contents
   * @return the registration data with {@code zcontent} set
   */
  public static RegistrationData of(
      String identity, String file, long mtime, boolean updated, byte[] bytes) {
    return new RegistrationData(
        identity, mtime, file, updated, Encodings.encodeBase64(gzip(bytes)), null);
  }

  /**
   * The file bytes, decoded from {@code zcontent} (base64 then gunzip) or {@code content}.
   *
   * @return the file contents
   * @throws ProtocolException naming the field when the content does not decode
   */
  public byte[] fileContent() {
    String field = zcontent != null ? "zcontent" : "content";
    try {
      if (zcontent != null) {
        return gunzip(Encodings.decodeBase64(zcontent));
      }
      return Encodings.decodeBase64(content);
    } catch (IllegalArgumentException | IOException e) {
      throw new ProtocolException(
          "registration from "
              + identity
              + ": "
              + field
              + " does not decode ("
              + e.getMessage()
              + "); expected "
              + (zcontent != null ? "base64 of gzip data" : "base64"),
          e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
