package io.fleetwright.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.devstack.NatsServer;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Fixtures;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demos one after another on the same servers and data folder (issue 14): each counts only its own
 * fleet's runs as Temporal recorded them, an earlier demo's failed node does not fail the next one,
 * and no demo leaves a node workflow open.
 */
class DemoRepeatIT {

  @Test
  void aSecondAndAThirdDemoInTheSameFolderCountOnlyTheirOwnNodes(@TempDir Path data)
      throws Exception {
    try (NatsServer nats = Fixtures.startNats();
        TemporalDevServer temporal = Fixtures.startTemporal()) {
      Path failsOne = Path.of("src/test/resources/helpers/fails-node-3.js").toAbsolutePath();
      Path example = Path.of("..", "helpers", "examples", "provision.js").toAbsolutePath();

      DemoCommand.DemoResult first = demo(nats, temporal, data, failsOne, 12);
      assertEquals(
          "provisioned 11/12",
          first.line().substring(0, "provisioned 11/12".length()),
          first.line());
      assertTrue(first.line().endsWith("deferred 0, failed 1"), first.line());
      assertEquals(0, openNodeWorkflows(temporal), "open after the first demo");

      DemoCommand.DemoResult second = demo(nats, temporal, data, example, 12);
      assertTrue(
          second.line().matches("provisioned 12/12 nodes in .*; deferred 0, failed 0"),
          second.line());
      assertEquals(0, openNodeWorkflows(temporal), "open after the second demo");

      DemoCommand.DemoResult third = demo(nats, temporal, data, example, 7);
      assertTrue(
          third.line().matches("provisioned 7/7 nodes in .*; deferred 0, failed 0"), third.line());
      assertEquals(0, openNodeWorkflows(temporal), "open after the third demo");
      assertEquals(12 + 12 + 7, nodeWorkflows(temporal, ""), "one workflow per demo node");
    }
  }

  private static DemoCommand.DemoResult demo(
      NatsServer nats, TemporalDevServer temporal, Path data, Path helper, int nodes)
      throws InterruptedException {
    DemoCommand demo = new DemoCommand();
    demo.nodes = nodes;
    demo.timeout = java.time.Duration.ofSeconds(300);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(out, true, StandardCharsets.UTF_8);
    DemoCommand.DemoResult result =
        demo.provision(
            new DemoCommand.Endpoints(
                nats.url(),
                temporal.target(),
                data,
                Optional.empty(),
                DemoCodec.prepare(data, err)),
            helper,
            err);
    System.err.println(out.toString(StandardCharsets.UTF_8) + result.timeoutsLine());
    System.err.println(result.line());
    return result;
  }

  private static long openNodeWorkflows(TemporalDevServer temporal) {
    return nodeWorkflows(temporal, " AND ExecutionStatus = 'Running'");
  }

  private static long nodeWorkflows(TemporalDevServer temporal, String and) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    try {
      return service
          .blockingStub()
          .countWorkflowExecutions(
              CountWorkflowExecutionsRequest.newBuilder()
                  .setNamespace("default")
                  .setQuery("WorkflowType = '" + FleetOperator.NODE_WORKFLOW_TYPE + "'" + and)
                  .build())
          .getCount();
    } finally {
      service.shutdownNow();
    }
  }
}
