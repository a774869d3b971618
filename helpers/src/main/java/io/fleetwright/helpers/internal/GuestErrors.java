package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperException;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a {@link PolyglotException} into a {@link HelperException} that says where in the helper
 * file it happened (file name and line) and what to do, and marks the context broken when it can no
 * longer be used (cancelled, exited, internal error, statement limit).
 */
final class GuestErrors {
  private static final int STACK_FRAMES = 6;
  private static final String BRIDGE = "fleetwright-bridge";

  private GuestErrors() {}

  static HelperException whileLoading(
      String helper, PolyglotException e, boolean timedOut, HelperConfig config, GuestContext g) {
    g.markBroken();
    if (timedOut || e.isInterrupted() || e.isCancelled() || e.isResourceExhausted()) {
      return stopped(
          helper,
          e,
          timedOut,
          config,
          "while loading the file (top-level code)",
          g,
          GuestContext.loadLimit(config));
    }
    String what = e.isSyntaxError() ? "has a syntax error" : "failed while loading";
    return new HelperException(
        HelperException.Kind.CRASHED,
        "helper "
            + helper
            + " "
            + what
            + location(e, config)
            + ": "
            + e.getMessage()
            + stack(e)
            + "; fix the file, it is reloaded on the next call; "
            + g.output(),
        e);
  }

  static HelperException whileCalling(
      String helper, PolyglotException e, boolean timedOut, HelperConfig config, GuestContext g) {
    if (timedOut || e.isInterrupted() || e.isCancelled() || e.isResourceExhausted()) {
      if (!e.isInterrupted() || !timedOut) {
        g.markBroken();
      }
      return stopped(helper, e, timedOut, config, "in provision()", g, config.timeout());
    }
    if (e.isExit() || e.isInternalError() || !e.isGuestException()) {
      g.markBroken();
    }
    String what =
        e.isExit()
            ? "called exit (" + e.getExitStatus() + ") in provision(); return a reply instead"
            : e.isInternalError()
                ? "hit an internal error of the guest runtime"
                : "threw an error in provision()";
    return new HelperException(
        HelperException.Kind.CRASHED,
        "helper "
            + helper
            + " failed: it "
            + what
            + location(e, config)
            + ": "
            + e.getMessage()
            + stack(e)
            + "; "
            + g.output(),
        e);
  }

  private static HelperException stopped(
      String helper,
      PolyglotException e,
      boolean timedOut,
      HelperConfig config,
      String where,
      GuestContext g,
      java.time.Duration limit) {
    String why =
        e.isResourceExhausted() && !timedOut
            ? "it ran more than "
                + config.statementLimit()
                + " statements "
                + where
                + " (the statement limit) and was stopped"
            : "it gave no reply within "
                + SubprocessCall.human(limit)
                + (limit.equals(config.timeout()) ? " (helper_timeout)" : "")
                + " and was stopped "
                + where;
    return new HelperException(
        HelperException.Kind.TIMEOUT,
        "helper "
            + helper
            + " failed: "
            + why
            + location(e, config)
            + "; look for an endless loop or slow code; "
            + g.output(),
        e);
  }

  /**
   * " at provision.js:12": the innermost frame in the helper file, else the innermost guest frame,
   * else the exception's own location (syntax errors have no frames); "" when none is known.
   */
  private static String location(PolyglotException e, HelperConfig config) {
    String helperFile = config.helperFile().getFileName().toString();
    SourceSection inHelper = null;
    SourceSection innermost = null;
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      SourceSection section = frame.isGuestFrame() ? frame.getSourceLocation() : null;
      if (section == null || BRIDGE.equals(section.getSource().getName())) {
        continue;
      }
      innermost = innermost == null ? section : innermost;
      if (inHelper == null && helperFile.equals(section.getSource().getName())) {
        inHelper = section;
      }
    }
    SourceSection section = inHelper != null ? inHelper : innermost;
    if (section == null) {
      section = e.getSourceLocation();
    }
    if (section == null) {
      return "";
    }
    return " at " + section.getSource().getName() + ":" + section.getStartLine();
  }

  private static String stack(PolyglotException e) {
    List<String> frames = new ArrayList<>();
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      if (frame.isGuestFrame()
          && frame.getSourceLocation() != null
          && !BRIDGE.equals(frame.getSourceLocation().getSource().getName())) {
        frames.add(frame.toString());
      }
      if (frames.size() == STACK_FRAMES) {
        break;
      }
    }
    return frames.isEmpty() ? "" : " (guest stack: " + String.join(" <- ", frames) + ")";
  }
}
