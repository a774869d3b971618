package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void aQuantileOverBucketsReadsOnlyTheBucketSeries() {
    assertEquals(
        Set.of("choria_provisioner_rpc_time_seconds_bucket"),
        PromQl.metricNames(
            "histogram_quantile(0.95, sum by (le, rpc) (rate("
                + "choria_provisioner_rpc_time_seconds_bucket{site=~\"$site\"}[$__rate_interval])))"));
  }

  @Test
  void labelsStringsAndKeywordsAreNotMetrics() {
    assertEquals(
        Set.of("a_total", "b_total"),
        PromQl.metricNames(
            "sum without (instance) (rate(a_total{state=\"FAILED\"}[5m])) / on (site) group_left"
                + " sum(rate(b_total[5m]) offset 1m) > bool 0"));
  }

  @Test
  void aVariableQueryReadsItsMetric() {
    assertEquals(
        Set.of("choria_provisioner_nodes"),
        PromQl.metricNames("label_values(choria_provisioner_nodes, site)"));
  }
}
