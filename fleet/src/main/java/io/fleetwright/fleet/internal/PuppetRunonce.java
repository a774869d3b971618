package io.fleetwright.fleet.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code puppet#runonce}, following the agent's decision tree (the daemon is never present). */
final class PuppetRunonce {
  private static final String COMMAND =
      "puppet agent --onetime --no-daemonize --color=false --show_diff --verbose";

  private PuppetRunonce() {}

  static ActionResult handle(EmulatedNode node, RequestData data) throws RequestData.InvalidData {
    Optional<ActionResult> invalid = checkLengths(data);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    Optional<Boolean> force = data.flag("force");
    Optional<Boolean> noop = data.flag("noop");
    Optional<Boolean> splay = data.flag("splay");
    Optional<Boolean> cached = data.flag("use_cached_catalog");
    String environment = data.string("environment");
    String tags = data.string("tags");
    String skipTags = data.string("skip_tags");
    Object splaylimit = data.raw("splaylimit");
    PuppetState p = node.puppet();
    synchronized (p) {
      if (!p.enabled()) {
        String lock = p.lockMessage();
        return failed(lock.isEmpty() ? "Puppet is disabled" : "Puppet is disabled: '" + lock + "'");
      }
      if (!data.string("server").isEmpty()) {
        return failed("Passing 'server' option is not allowed in module configuration");
      }
      boolean splayOn = force.orElse(false) ? false : splay.orElse(true);
      if (p.busy()) {
        return failed("Puppet is currently applying a catalog, cannot run now");
      }
      if (!environment.isEmpty() && !PuppetAgent.validVariable(environment)) {
        return failed("Invalid environment '" + environment + "' specified");
      }
      if (!tags.isEmpty() && !PuppetAgent.validTags(tags)) {
        return failed("Invalid tag '" + tags + "' specified");
      }
      if (!skipTags.isEmpty() && !PuppetAgent.validTags(skipTags)) {
        return failed("Invalid skip_tag '" + skipTags + "' specified");
      }
      int limit = 30;
      if (splaylimit != null) {
        if (!(splaylimit instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          return failed("Invalid splaylimit '" + splaylimit + "' specified");
        }
        limit = n.intValue();
      }
      List<String> opts = new ArrayList<>();
      addIf(opts, !tags.isEmpty(), "--tags " + tags);
      addIf(opts, !skipTags.isEmpty(), "--skip_tags " + skipTags);
      opts.add(splayOn ? "--splay" : "--no-splay");
      addIf(opts, splayOn, "--splaylimit " + limit);
      noop.ifPresent(n -> opts.add(n ? "--noop" : "--no-noop"));
      addIf(opts, !environment.isEmpty(), "--environment " + environment);
      cached.ifPresent(c -> opts.add(c ? "--use_cached_catalog" : "--no-use_cached_catalog"));
      Duration wait = splayOn ? PuppetAgent.splay(node, limit) : Duration.ZERO;
      p.start(node, wait);
      String command = opts.isEmpty() ? COMMAND : COMMAND + " " + String.join(" ", opts);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("summary", "Started a Puppet run using the '" + command + "' command");
      out.put("initiated_at", node.settings().clock().instant().getEpochSecond());
      return ActionResult.ok(out);
    }
  }

  private static Optional<ActionResult> checkLengths(RequestData data)
      throws RequestData.InvalidData {
    Map<String, Integer> limits =
        Map.of("server", 50, "tags", 120, "skip_tags", 120, "environment", 50);
    for (Map.Entry<String, Integer> e : limits.entrySet()) {
      if (data.string(e.getKey()).length() > e.getValue()) {
        return Optional.of(
            ActionResult.invalidData(
                "Invalid request data for puppet#runonce: "
                    + e.getKey()
                    + " is longer than "
                    + e.getValue()
                    + " characters"));
      }
    }
    return Optional.empty();
  }

  private static void addIf(List<String> opts, boolean condition, String opt) {
    if (condition) {
      opts.add(opt);
    }
  }

  private static ActionResult failed(String summary) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("summary", summary);
    out.put("initiated_at", 0L);
    return new ActionResult(ActionResult.ABORTED, summary, out);
  }
}
