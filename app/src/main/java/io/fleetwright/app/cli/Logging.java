package io.fleetwright.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Applies the config's {@code loglevel}, {@code logfile} and {@code logformat} to logback: one
 * appender on the root logger (stdout, stderr, a file, or none for {@code discard}), and the level
 * on every logger.
 */
public final class Logging {
  /** Libraries whose INFO and DEBUG lines are their own internals, not the provisioner's. */
  static final List<String> LIBRARIES = List.of("io.temporal", "io.grpc", "io.nats", "io.netty");

  private static final String APPENDER = "fleetwright";

  private Logging() {}

  /** As {@link #apply(String, String, String)} with text lines. */
  public static Optional<FileAppender<ILoggingEvent>> apply(String level, String logfile) {
    return apply(level, logfile, "text");
  }

  /**
   * Sets the level and the one appender; a file appender reopens its file on SIGHUP.
   *
   * @param level {@code debug}, {@code info}, {@code warn}, {@code error} or {@code fatal}
   * @param logfile {@code stdout}, {@code stderr}, {@code discard} or a file path
   * @param format {@code text} or {@code json}
   * @return the file appender when {@code logfile} is a path
   */
  public static Optional<FileAppender<ILoggingEvent>> apply(
      String level, String logfile, String format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Level wanted = level(level);
    applyLevel(context, wanted);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    if (logfile.equals("discard")) {
      return Optional.empty();
    }
    Encoder<ILoggingEvent> encoder = encoder(context, format);
    if (logfile.equals("stdout") || logfile.equals("stderr")) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(context);
      console.setName(APPENDER);
      console.setTarget(logfile.equals("stdout") ? "System.out" : "System.err");
      console.setEncoder(encoder);
      console.start();
      root.addAppender(console);
      return Optional.empty();
    }
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName(APPENDER);
    file.setFile(logfile);
    file.setAppend(true);
    file.setEncoder(encoder);
    file.start();
    if (!file.isStarted()) {
      throw new io.fleetwright.app.ConfigException(
          "could not open the log file "
              + logfile
              + " (logfile); choose a writable path, e.g. logfile:"
              + " /var/log/choria-provisioner.log, or logfile: stdout");
    }
    root.addAppender(file);
    return Optional.of(file);
  }

  /**
   * Sets {@code wanted} on the root and on every logger configured so far (logback.xml quiets the
   * protocol and the libraries), so that {@code loglevel} reaches each of them. The libraries stay
   * at WARN unless the level asks for less: their debug lines are the gRPC and NATS wire.
   */
  static void applyLevel(LoggerContext context, Level wanted) {
    for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        logger.setLevel(library(logger.getName()) ? atLeast(wanted, Level.WARN) : wanted);
      }
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(wanted);
    context.getLogger("io.fleetwright").setLevel(wanted);
    for (String library : LIBRARIES) {
      context.getLogger(library).setLevel(atLeast(wanted, Level.WARN));
    }
  }

  /** Reopens the log file by its name, after logrotate moved it; lines keep flowing meanwhile. */
  static void reopen(FileAppender<ILoggingEvent> file) throws IOException {
    file.openFile(file.getFile());
  }

  static Level level(String level) {
    return Level.toLevel(level.equals("fatal") ? "error" : level, Level.INFO);
  }

  private static boolean library(String name) {
    return LIBRARIES.stream().anyMatch(l -> name.equals(l) || name.startsWith(l + "."));
  }

  private static Level atLeast(Level level, Level floor) {
    return level.isGreaterOrEqual(floor) ? level : floor;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if (format.equals("json")) {
      JsonLogEncoder json = new JsonLogEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level %logger{0} - %msg%n");
    encoder.start();
    return encoder;
  }

  /** For tests: the appender {@link #apply} installed, if any. */
  static Optional<Appender<ILoggingEvent>> appender() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    return Optional.ofNullable(
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER));
  }
}
