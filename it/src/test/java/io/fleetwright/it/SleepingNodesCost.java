package io.fleetwright.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwright.api.ApplyResult;
import io.fleetwright.api.Features;
import io.fleetwright.api.HelperActivities;
import io.fleetwright.api.HelperDecision;
import io.fleetwright.api.InventoryResult;
import io.fleetwright.api.NodeChangeActivities;
import io.fleetwright.api.NodeProvisioningWorkflow;
import io.fleetwright.api.NodeRpcActivities;
import io.fleetwright.api.NodeWorkflowOptions;
import io.fleetwright.api.ProvisionInput;
import io.fleetwright.api.RenewalPolicy;
import io.fleetwright.devstack.TemporalDevServer;
import io.fleetwright.testing.Await;
import io.fleetwright.testing.Fixtures;
import io.fleetwright.workflows.ActivityTimeouts;
import io.fleetwright.workflows.NodeProvisioningWorkflowImpl;
import io.fleetwright.workflows.ProvisioningActivityOptions;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Measures what N sleeping nodes (renewal on, in RENEWAL_WAIT) cost the Temporal dev server: the
 * SQLite database size and the server's CPU while idle. Not a test (the name ends in neither Test
 * nor IT); run on purpose, under the heavy lock (see README, Renewal and re-provisioning).
 * Activities are stand-ins that answer at once; the workflow code and server are the real ones.
 */
class SleepingNodesCost {
  private static final int NODES = Integer.getInteger("nodes", 10_000);
  private static final Duration IDLE = Duration.ofSeconds(Long.getLong("idleSeconds", 300));

  @Test
  void measure() throws Exception {
    String certificate = certificate(Instant.now().plus(Duration.ofDays(90)));
    try (TemporalDevServer temporal = Fixtures.startTemporal()) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      long emptyBytes = databaseBytes(temporal);
      double emptyCpu = cpuSecondsOver(temporal, Duration.ofSeconds(60));
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker("cost");
      worker.registerWorkflowImplementationTypes(
          ProvisioningActivityOptions.forWorkflows(ActivityTimeouts.DEFAULTS),
          NodeProvisioningWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          stub(NodeRpcActivities.class, Map.of("fetchInventory", inventory())),
          stub(HelperActivities.class, Map.of("runHelper", configure(certificate))),
          stub(
              NodeChangeActivities.class,
              Map.of("applyConfiguration", new ApplyResult("Wrote 2 lines", "Restarting", 1))));
      factory.start();
      long started = System.nanoTime();
      for (int i = 0; i < NODES; i++) {
        ProvisionInput input =
            ProvisionInput.of("node-%05d.cost".formatted(i), "cost", Features.NONE, "cost")
                .withLocalActivities(true)
                .withRenewal(RenewalPolicy.before(Duration.ofDays(30)));
        WorkflowClient.start(
            client.newWorkflowStub(
                    NodeProvisioningWorkflow.class, NodeWorkflowOptions.forNode(input, "cost"))
                ::provision,
            input);
      }
      String sleeping = "ProvisioningState='RENEWAL_WAIT'";
      Await.until(
          Duration.ofMinutes(30),
          () -> count(client, sleeping) == NODES,
          () -> "sleeping " + count(client, sleeping) + " of " + NODES);
      double loadSeconds = (System.nanoTime() - started) / 1e9;
      factory.shutdown();
      factory.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(NODES, count(client, sleeping));
      long sleepingBytes = databaseBytes(temporal);
      double sleepingCpu = cpuSecondsOver(temporal, IDLE);
      String report =
          ("nodes=%d load_seconds=%.0f db_bytes_empty=%d db_bytes_sleeping=%d"
                  + " bytes_per_node=%d cpu_seconds_empty_per_min=%.2f"
                  + " cpu_seconds_sleeping_per_min=%.2f idle_window_s=%d%n")
              .formatted(
                  NODES,
                  loadSeconds,
                  emptyBytes,
                  sleepingBytes,
                  (sleepingBytes - emptyBytes) / NODES,
                  emptyCpu,
                  sleepingCpu * 60.0 / IDLE.toSeconds(),
                  IDLE.toSeconds());
      System.out.print(report);
      Files.writeString(Path.of("target", "sleeping-nodes.txt"), report);
      service.shutdown();
    }
  }

  private static long count(WorkflowClient client, String query) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default")
                .setQuery("WorkflowType='NodeProvisioningWorkflow' AND " + query)
                .build())
        .getCount();
  }

  /** The SQLite file and its WAL, after a checkpoint-free wait so the WAL holds what it holds. */
  private static long databaseBytes(TemporalDevServer temporal) throws Exception {
    Path db = temporal.options().databaseFile();
    long total = 0;
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path file = Path.of(db + suffix);
      if (Files.exists(file)) {
        total += Files.size(file);
      }
    }
    return total;
  }

  /** CPU seconds (user + system) the server process used over {@code window}. */
  private static double cpuSecondsOver(TemporalDevServer temporal, Duration window)
      throws Exception {
    long before = cpuTicks(temporal.pid());
    Thread.sleep(window.toMillis());
    return (cpuTicks(temporal.pid()) - before) / 100.0;
  }

  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  @SuppressWarnings("unchecked")
  private static <T> T stub(Class<T> type, Map<String, Object> answers) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() : null;
              }
              Object answer = answers.get(method.getName());
              if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answer;
            });
  }

  private static InventoryResult inventory() {
    return new InventoryResult("{\"version\":\"0.30.2\"}", "0.30.2", false, Map.of());
  }

  private static HelperDecision configure(String certificate) {
    return new HelperDecision.Configure(
        Map.of("plugin.choria.server.provision", "false"),
        certificate,
        certificate,
        "/etc/choria/ssl",
        null,
        Map.of(),
        Map.of(),
        null,
        null,
        "ok",
        false);
  }

  private static String certificate(Instant notAfter) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=cost");
    var cert =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)),
                Date.from(notAfter),
                name,
                keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(cert);
    }
    return out.toString();
  }
}
