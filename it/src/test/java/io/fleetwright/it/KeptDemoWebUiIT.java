package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.devstack.FreePorts;
import io.fleetwright.tools.Main;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * After {@code provisioner demo --keep} has ended (its worker and the worker's codec endpoint
 * stopped), the Web UI it leaves running shows a node's helper output (the configuration keys in
 * its encrypted result) in plain text in headless Chromium, and never "Codec Server could not
 * connect": the demo left the codec endpoint running beside the servers, on the URL the UI was
 * started with.
 */
class KeptDemoWebUiIT {
  private static final Pattern STOP = Pattern.compile("demo: stop them with: kill ([0-9 ]+)");
  private static final Pattern UI = Pattern.compile("Web UI (http://127\\.0\\.0\\.1:[0-9]+)");

  @Test
  void theWebUiShowsHelperOutputInPlainTextAfterAKeptDemo(@TempDir Path data) throws Exception {
    int nats = FreePorts.next();
    int temporal = FreePorts.next();
    int ui = FreePorts.next();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    // The demo sets the log levels to warn: give the ITs after this one in this JVM theirs back.
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.fleetwright");
    Level rootLevel = root.getLevel();
    Level ourLevel = ours.getLevel();
    List<Long> kept = new ArrayList<>();
    try {
      System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
      int exit;
      try {
        exit =
            Main.commandLine()
                .execute(
                    "demo",
                    "--nodes",
                    "4",
                    "--keep",
                    "--data",
                    data.toString(),
                    "--helper",
                    Path.of("..", "helpers", "examples", "provision.js")
                        .toAbsolutePath()
                        .toString(),
                    "--ports",
                    nats + "," + temporal + "," + ui,
                    "--timeout",
                    "120s");
      } finally {
        System.setErr(err);
        root.setLevel(rootLevel);
        ours.setLevel(ourLevel);
      }
      String output = captured.toString(StandardCharsets.UTF_8);
      Matcher stop = STOP.matcher(output);
      assertTrue(stop.find(), "no 'stop them with' line in the demo's output:\n" + output);
      Arrays.stream(stop.group(1).trim().split(" ")).map(Long::parseLong).forEach(kept::add);
      assertEquals(0, exit, output);
      assertTrue(output.contains("codec endpoint pid "), output);
      assertEquals(3, kept.size(), "nats-server, temporal and the codec endpoint: " + output);
      Matcher url = UI.matcher(output);
      assertTrue(url.find(), output);

      String workflowId = aNodeWorkflow("127.0.0.1:" + temporal);
      JsonNode seen =
          WebUiScript.run(
              Path.of("..", "ops", "webui-test", "decoded-payload.cjs"),
              Path.of("target", "webui", "kept-demo").toAbsolutePath(),
              url.group(1),
              "default",
              workflowId,
              // A key of the helper's configuration, in the node's result: a payload the UI shows
              // only through the codec endpoint.
              "\"plugin.choria.middleware_hosts\"",
              Path.of("target", "webui", "kept-demo").toAbsolutePath().toString());
      assertTrue(seen.path("codecRequests").asInt() > 0, seen.toString());
    } finally {
      for (long pid : kept) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      }
    }
  }

  private static String aNodeWorkflow(String target) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      return service
          .blockingStub()
          .listWorkflowExecutions(
              ListWorkflowExecutionsRequest.newBuilder()
                  .setNamespace("default")
                  .setQuery("WorkflowType = '" + FleetOperator.NODE_WORKFLOW_TYPE + "'")
                  .build())
          .getExecutions(0)
          .getExecution()
          .getWorkflowId();
    } finally {
      service.shutdownNow();
    }
  }

  /** Writes to both streams: the demo's output stays in the test log and is read here. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
