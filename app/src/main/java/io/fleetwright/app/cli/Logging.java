package io.fleetwright.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/** Applies the config's {@code loglevel} and {@code logfile} to logback. */
public final class Logging {
  private Logging() {}

  public static void apply(String level, String logfile) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level.equals("fatal") ? "error" : level, Level.INFO));
    context.getLogger("io.fleetwright").setLevel(root.getLevel());
    if (logfile.equals("stdout") || logfile.equals("stderr")) {
      return;
    }
    root.detachAndStopAllAppenders();
    if (logfile.equals("discard")) {
      return;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level %logger{0} - %msg%n");
    encoder.start();
    FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setFile(logfile);
    file.setEncoder(encoder);
    file.start();
    root.addAppender(file);
  }
}
