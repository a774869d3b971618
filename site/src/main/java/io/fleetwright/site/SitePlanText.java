package io.fleetwright.site;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a site plan in the layout of Choria's {@code mco choria plan}, without colours. */
public final class SitePlanText {

  private static final String GROUP_RULE = "-".repeat(38);

  private SitePlanText() {}

  /**
   * Renders the plan as {@code site plan} prints it.
   *
   * @param plan the plan
   * @return the text, ending with a newline
   */
  public static String render(SitePlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Puppet Site Plan for the ").append(plan.environment()).append(" Environment\n\n");
    if (plan.applications().isEmpty()) {
      return out.append("No site applications were found in the Puppet environment\n").toString();
    }
    out.append(plan.applications().size()).append(" applications on ");
    out.append(plan.nodeCount()).append(" managed nodes:\n\n");
    for (ResourceRef app : plan.applications()) {
      out.append('\t').append(app).append('\n');
    }
    out.append("\nNode groups and run order:\n");
    for (SitePlan.Level level : plan.levels()) {
      out.append("      --- Group ").append(level.level()).append(' ').append(GROUP_RULE);
      out.append("\n\n");
      List<List<String>> batches = level.batches();
      for (int b = 0; b < batches.size(); b++) {
        if (batches.size() > 1) {
          int size = batches.get(b).size();
          out.append("\tBatch ").append(b + 1).append(" of ").append(batches.size());
          out.append(", ").append(size).append(size == 1 ? " node:\n\n" : " nodes:\n\n");
        }
        for (String node : batches.get(b)) {
          node(out, node, plan.nodeComponents().get(node));
        }
      }
    }
    return out.toString();
  }

  private static void node(
      StringBuilder out, String node, Map<ResourceRef, List<ResourceRef>> components) {
    out.append('\t').append(node).append('\n');
    components.forEach(
        (app, refs) ->
            out.append("\t\t")
                .append(app)
                .append(" -> ")
                .append(refs.stream().map(ResourceRef::toString).collect(Collectors.joining(", ")))
                .append('\n'));
    out.append('\n');
  }
}
