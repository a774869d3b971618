package io.fleetwright.fleet.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code choria_util} agent, reduced to {@code info}. */
final class ChoriaUtilAgent {
  private ChoriaUtilAgent() {}

  static ActionResult handle(EmulatedNode node, ActionCall call) {
    if (!call.action().equals("info")) {
      return ActionResult.unknownAction(call.action(), "choria_util");
    }
    NodeSettings settings = node.settings();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("security", "file");
    out.put("connector", "nats");
    out.put("client_version", "");
    out.put("client_flavour", "");
    out.put(
        "connected_server", settings.brokerUrls().isEmpty() ? "" : settings.brokerUrls().get(0));
    out.put("facter_domain", "");
    out.put("facter_command", "");
    out.put("srv_domain", "");
    out.put("using_srv", false);
    out.put("middleware_servers", settings.brokerUrls());
    out.put("path", "");
    out.put("choria_version", settings.version());
    out.put("secure_protocol", false);
    out.put("connector_tls", false);
    out.put("provisioning", node.inProvisioning());
    return ActionResult.ok(out);
  }
}
