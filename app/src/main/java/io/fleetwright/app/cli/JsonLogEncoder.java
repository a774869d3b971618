package io.fleetwright.app.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * {@code logformat: json}: one JSON object per line with {@code time} (ISO-8601 UTC), {@code
 * level}, {@code logger}, {@code thread}, {@code message} and, when a throwable was logged, {@code
 * exception} (class, message and stack as one string). Only the formatted message is written: no
 * MDC and no key-value arguments, so nothing reaches the log that the text format would not show.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private final JsonFactory json = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = json.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      out.writeStringField("level", event.getLevel().toString());
      out.writeStringField("logger", event.getLoggerName());
      out.writeStringField("thread", event.getThreadName());
      out.writeStringField("message", event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        out.writeStringField("exception", exception(thrown));
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  private static String exception(IThrowableProxy thrown) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
      text.append(t == thrown ? "" : "Caused by: ")
          .append(t.getClassName())
          .append(": ")
          .append(t.getMessage())
          .append('\n');
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        text.append("\tat ").append(frame.getStackTraceElement()).append('\n');
      }
    }
    return text.toString().strip();
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
