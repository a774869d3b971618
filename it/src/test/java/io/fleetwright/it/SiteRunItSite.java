package io.fleetwright.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The 3-level site of the site-run tests: 20 databases, 80 app servers, the rest web servers. */
final class SiteRunItSite {
  private SiteRunItSite() {}

  static Path write(Path dir, int nodes) throws IOException {
    List<String> components = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      String node = "node-%05d.lab.local".formatted(i);
      if (i <= 20) {
        components.add(
            "\"Shop::Db[%d]\":{\"node\":\"%s\",\"produces\":[\"Sql[%d]\"]}".formatted(i, node, i));
      } else if (i <= 100) {
        components.add(
            ("\"Shop::App[%d]\":{\"node\":\"%s\",\"produces\":[\"Http[%d]\"],"
                    + "\"consumes\":[\"Sql[%d]\"]}")
                .formatted(i, node, i, 1 + i % 20));
      } else {
        components.add(
            "\"Shop::Web[%d]\":{\"node\":\"%s\",\"consumes\":[\"Http[%d]\"]}"
                .formatted(i, node, 21 + i % 80));
      }
    }
    String json =
        "{\"environment\":\"production\",\"applications\":{\"Shop[main]\":{"
            + String.join(",", components)
            + "}},\"policy\":{\"pollIntervalSeconds\":1,\"startTimeoutSeconds\":30,"
            + "\"runTimeoutSeconds\":60}}";
    Path file = dir.resolve("site.json");
    Files.writeString(file, json);
    return file;
  }
}
