package io.fleetwright.fleet.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Short-hands for building calls in tests. */
final class Calls {
  static final String SENDER = "provisioner.lab.local";
  static final String CALLER = "choria=provisioner.lab.local";

  private Calls() {}

  static ActionCall provision(String action, Object... keyValues) {
    return call("choria_provision", action, SENDER, CALLER, keyValues);
  }

  static ActionCall call(String agent, String action, String sender, String caller, Object... kv) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      data.put((String) kv[i], kv[i + 1]);
    }
    return new ActionCall(agent, action, data, "4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f", sender, caller);
  }

  static String config(String... kv) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(kv[i]).append("\":\"").append(kv[i + 1]).append('"');
    }
    return out.append('}').toString();
  }
}
