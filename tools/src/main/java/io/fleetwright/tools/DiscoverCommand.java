package io.fleetwright.tools;

import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.Filter;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provisioner discover}: one broadcast discovery in the provisioning collective. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = "Broadcast a discovery in the provisioning collective and count the nodes.")
final class DiscoverCommand implements Callable<Integer> {
  @Option(names = "--nats", paramLabel = "URL", description = "Broker (default ${DEFAULT-VALUE}).")
  String nats = "nats://127.0.0.1:4222";

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long to wait for replies, e.g. 2s (default 2s).")
  Duration timeout = Duration.ofSeconds(2);

  @Option(names = "--list", description = "Also print the identities, one per line, sorted.")
  boolean list;

  @Option(
      names = "--json",
      description =
          "Print one JSON object, {\"discovered\": N, \"nodes\": [identities, sorted],"
              + " \"timeout_ms\": T}, instead of text.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (ChoriaClient client =
        ChoriaClient.builder()
            .natsUrl(nats)
            .identity("fleetwright.discover")
            .callerId("choria=fleetwright.discover")
            .connect()) {
      Set<String> found = new TreeSet<>(client.discover(Filter.agent("choria_provision"), timeout));
      var out = spec.commandLine().getOut();
      if (json) {
        out.println(json(found, timeout));
      } else {
        out.println("discovered " + found.size() + " nodes");
        if (list) {
          found.forEach(out::println);
        }
      }
      out.flush();
    }
    return 0;
  }

  static String json(Set<String> found, Duration timeout) {
    com.fasterxml.jackson.databind.node.ObjectNode node =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    node.put("discovered", found.size());
    found.forEach(node.putArray("nodes")::add);
    node.put("timeout_ms", timeout.toMillis());
    return node.toString();
  }
}
