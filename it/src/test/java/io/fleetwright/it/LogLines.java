package io.fleetwright.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Captures what this JVM logs under {@code io.fleetwright}, to find the error a bad input gave. */
final class LogLines implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.fleetwright");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger replies = (Logger) LoggerFactory.getLogger("io.fleetwright.protocol");
  private final Level repliesLevel = replies.getLevel();

  LogLines() {
    appender.start();
    logger.addAppender(appender);
    // Late (replayed) replies are logged at DEBUG.
    replies.setLevel(Level.DEBUG);
  }

  // ListAppender adds to its list inside AppenderBase.doAppend, which holds the appender's lock,
  // so readers take that lock, not the list's.

  /** Returns how many lines were captured so far. */
  int size() {
    synchronized (appender) {
      return appender.list.size();
    }
  }

  /** Returns the first line captured after the first {@code from} that contains {@code text}. */
  Optional<String> findAfter(int from, String text) {
    return findAfter(from, m -> m.contains(text));
  }

  /** Returns the first message logged at or after line {@code from} that {@code match} accepts. */
  Optional<String> findAfter(int from, Predicate<String> match) {
    synchronized (appender) {
      return appender.list.subList(from, appender.list.size()).stream()
          .map(ILoggingEvent::getFormattedMessage)
          .filter(match)
          .findFirst();
    }
  }

  /** Returns the last {@code n} WARN or ERROR lines, for failure messages. */
  List<String> lastWarnings(int n) {
    synchronized (appender) {
      List<String> warnings =
          appender.list.stream()
              .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
      return warnings.subList(Math.max(0, warnings.size() - n), warnings.size());
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    replies.setLevel(repliesLevel);
  }
}
