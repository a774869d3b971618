package io.fleetwright.fleet.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code puppet} agent (DDL 2.5.0) of a provisioned node: {@code status}, {@code enable},
 * {@code disable}, {@code runonce} and {@code last_run_summary}, with the real agent's messages.
 */
final class PuppetAgent {
  static final String NAME = "puppet";
  private static final Pattern SHELL_UNSAFE = Pattern.compile("[`$;|<>]|&&");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern TAG_PART = Pattern.compile("[A-Za-z0-9_]+");
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final int SPLAY_LIMIT = 30;

  private PuppetAgent() {}

  static ActionResult handle(EmulatedNode node, ActionCall call) {
    RequestData data = new RequestData(call);
    try {
      return switch (call.action()) {
        case "status" -> status(node);
        case "enable" -> enable(node.puppet());
        case "disable" -> disable(node, call, data);
        case "runonce" -> PuppetRunonce.handle(node, data);
        case "last_run_summary" -> PuppetSummary.lastRunSummary(node, data);
        default -> ActionResult.unknownAction(call.action(), call.agent());
      };
    } catch (RequestData.InvalidData e) {
      return ActionResult.invalidData(e.getMessage());
    }
  }

  static ActionResult status(EmulatedNode node) {
    PuppetState p = node.puppet();
    long now = node.settings().clock().instant().getEpochSecond();
    boolean enabled;
    boolean applying;
    long lastrun;
    String lock;
    synchronized (p) {
      enabled = p.enabled();
      applying = p.applying();
      lastrun = p.lastrun();
      lock = p.lockMessage();
    }
    String status = !enabled ? "disabled" : applying ? "applying a catalog" : "stopped";
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("applying", applying);
    out.put("idling", false);
    out.put("enabled", enabled);
    out.put("daemon_present", false);
    out.put("lastrun", lastrun);
    out.put("since_lastrun", lastrun == 0 ? "Unknown" : (Object) (now - lastrun));
    out.put("status", status);
    out.put("disable_message", lock);
    out.put(
        "message", "Currently " + status + "; last completed run " + human(now - lastrun) + " ago");
    return ActionResult.ok(out);
  }

  private static ActionResult enable(PuppetState p) {
    synchronized (p) {
      if (p.enabled()) {
        return failed("Could not enable Puppet: Already enabled", true);
      }
      p.enable();
    }
    return ActionResult.ok(result("Succesfully enabled the Puppet agent", true));
  }

  private static ActionResult disable(EmulatedNode node, ActionCall call, RequestData data)
      throws RequestData.InvalidData {
    String message = data.string("message");
    if (message.length() > 120 || SHELL_UNSAFE.matcher(message).find()) {
      return ActionResult.invalidData(
          "Invalid request data for puppet#disable: message must be shell safe and at most 120"
              + " characters, got '"
              + message
              + "'");
    }
    if (message.isEmpty()) {
      message =
          "Disabled via MCollective by "
              + call.callerId()
              + " at "
              + MINUTE.format(node.settings().clock().instant());
    }
    PuppetState p = node.puppet();
    synchronized (p) {
      if (!p.enabled()) {
        return failed("Could not disable Puppet: Already disabled", false);
      }
      p.disable(message);
    }
    return ActionResult.ok(result("Succesfully locked the Puppet agent: " + message, false));
  }

  private static Map<String, Object> result(String status, boolean enabled) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("enabled", enabled);
    return out;
  }

  private static ActionResult failed(String status, boolean enabled) {
    return new ActionResult(ActionResult.ABORTED, status, result(status, enabled));
  }

  static boolean validVariable(String value) {
    return VARIABLE.matcher(value).matches();
  }

  static boolean validTags(String tags) {
    for (String tag : tags.split(",", -1)) {
      for (String part : tag.strip().split("::", -1)) {
        if (!TAG_PART.matcher(part).matches()
            || (part.length() == 1 && !Character.isLetter(part.charAt(0)))) {
          return false;
        }
      }
    }
    return true;
  }

  static Duration splay(EmulatedNode node, int limit) {
    int bound = limit <= 0 ? SPLAY_LIMIT : limit;
    return node.settings().splay().apply(Mix.pick(1, node.index(), "puppet-splay", bound));
  }

  /** Seconds as the agent prints them: {@code 02 seconds}, {@code 5 minutes 03 seconds}, ... */
  static String human(long seconds) {
    long days = seconds / 86400;
    long hours = seconds % 86400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return String.format(
          "%d %s %d hours %d minutes %02d seconds",
          days, days == 1 ? "day" : "days", hours, minutes, secs);
    }
    if (hours > 0) {
      return String.format("%d hours %d minutes %02d seconds", hours, minutes, secs);
    }
    if (minutes > 0) {
      return String.format("%d minutes %02d seconds", minutes, secs);
    }
    return String.format("%02d seconds", secs);
  }
}
