package io.fleetwright.app.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Reopens the log file on SIGHUP, for logrotate's {@code postrotate kill -HUP}: the lines before
 * the signal stay in the moved file, the lines after go to a new file under the configured name.
 */
final class LogReopen {
  private static final Logger LOG = LoggerFactory.getLogger(LogReopen.class);

  private LogReopen() {}

  /**
   * Replaces the JVM's SIGHUP action (run the shutdown hooks and exit) with a reopen of {@code
   * file}. A JVM started with {@code -Xrs} refuses the handler, and one started with SIGHUP ignored
   * (under {@code nohup}) keeps ignoring it; either way it logs one warning.
   */
  static void onSighup(FileAppender<ILoggingEvent> file) {
    try {
      SignalHandler previous = Signal.handle(new Signal("HUP"), signal -> reopen(file));
      ignoredWarning(previous, file.getFile()).ifPresent(LOG::warn);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "cannot reopen {} on SIGHUP ({}); rotate it with logrotate's copytruncate instead",
          file.getFile(),
          e.getMessage());
    }
  }

  /**
   * The JVM installs no handler for a signal the process inherited as ignored, and says so only by
   * handing back {@code SIG_IGN}: SIGHUP then neither reopens the log nor stops the process.
   */
  static Optional<String> ignoredWarning(SignalHandler previous, String file) {
    if (previous != SignalHandler.SIG_IGN) {
      return Optional.empty();
    }
    return Optional.of(
        "SIGHUP is ignored in this process (it was started with SIGHUP ignored, as nohup does),"
            + " so "
            + file
            + " is not reopened on SIGHUP; start the provisioner without nohup (systemd does),"
            + " or rotate the file with logrotate's copytruncate");
  }

  static void reopen(FileAppender<ILoggingEvent> file) {
    LOG.info("SIGHUP: reopening the log file {}", file.getFile());
    try {
      Logging.reopen(file);
      LOG.info("SIGHUP: reopened the log file {}", file.getFile());
    } catch (IOException e) {
      // The appender keeps no stream now; stderr is the one place left to say so.
      System.err.println(
          "provisioner: could not reopen the log file "
              + file.getFile()
              + " on SIGHUP: "
              + e.getMessage()
              + "; check that its directory exists and is writable, then send SIGHUP again");
    }
  }
}
