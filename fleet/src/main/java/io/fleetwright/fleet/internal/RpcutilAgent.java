package io.fleetwright.fleet.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code rpcutil} agent: ping, inventory, collective_info, get_fact, get_facts. */
final class RpcutilAgent {
  private RpcutilAgent() {}

  static ActionResult handle(EmulatedNode node, ActionCall call) {
    return switch (call.action()) {
      case "ping" ->
          ActionResult.ok(Map.of("pong", node.settings().clock().instant().getEpochSecond()));
      case "inventory" -> ActionResult.ok(inventory(node));
      case "collective_info" -> ActionResult.ok(collectiveInfo(node));
      case "get_fact" -> getFact(node, call);
      case "get_facts" -> getFacts(node, call);
      default -> ActionResult.unknownAction(call.action(), "rpcutil");
    };
  }

  /** The inventory in the Go server's field order; {@code version} is always a string. */
  static Map<String, Object> inventory(EmulatedNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("agents", node.agents());
    out.put("classes", List.of());
    out.put("collectives", node.collectives());
    out.put("data_plugins", List.of());
    out.put("facts", new TreeMap<>(node.facts()));
    out.put("machines", List.of());
    out.put("main_collective", node.mainCollective());
    out.put("version", node.version());
    out.put("upgradable", node.upgradable());
    return out;
  }

  private static Map<String, Object> collectiveInfo(EmulatedNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("main_collective", node.mainCollective());
    out.put("collectives", node.collectives());
    return out;
  }

  private static ActionResult getFact(EmulatedNode node, ActionCall call) {
    Object name = call.data().get("fact");
    if (!(name instanceof String fact) || fact.isEmpty()) {
      return ActionResult.invalidData(
          "Could not parse request data for rpcutil#get_fact: field fact must be a non-empty string");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fact", fact);
    out.put("value", FilterMatcher.lookup(node.facts(), fact));
    return ActionResult.ok(out);
  }

  private static ActionResult getFacts(EmulatedNode node, ActionCall call) {
    Object names = call.data().get("facts");
    if (!(names instanceof String list)) {
      return ActionResult.invalidData(
          "Could not parse request data for rpcutil#get_facts: field facts must be a comma separated string");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String part : list.split(",")) {
      String fact = part.strip();
      if (!fact.isEmpty()) {
        values.put(fact, FilterMatcher.lookup(node.facts(), fact));
      }
    }
    return ActionResult.ok(Map.of("values", values));
  }
}
