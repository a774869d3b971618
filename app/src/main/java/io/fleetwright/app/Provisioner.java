package io.fleetwright.app;

import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.codec.AesGcmCodec;
import io.fleetwright.app.codec.CodecEndpoint;
import io.fleetwright.app.codec.CodecKeys;
import io.fleetwright.app.config.ProvisionInputs;
import io.fleetwright.app.discovery.AdmissionInterceptor;
import io.fleetwright.app.discovery.Discovery;
import io.fleetwright.app.discovery.NodeAdmission;
import io.fleetwright.app.discovery.NodeStarter;
import io.fleetwright.app.discovery.StallWatch;
import io.fleetwright.app.discovery.TemporalNodeRuns;
import io.fleetwright.app.monitor.FleetGauges;
import io.fleetwright.app.monitor.GoMetrics;
import io.fleetwright.app.monitor.Meters;
import io.fleetwright.app.monitor.MonitorServer;
import io.fleetwright.app.monitor.Readiness;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.app.worker.Helpers;
import io.fleetwright.app.worker.JdkDefects;
import io.fleetwright.app.worker.PollWatch;
import io.fleetwright.app.worker.ProvisioningWorker;
import io.fleetwright.app.worker.SdkReportFilter;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.helpers.HelperRunner;
import io.fleetwright.helpers.HelperRunners;
import io.fleetwright.protocol.ChoriaClient;
import io.fleetwright.protocol.LifecycleEvent;
import io.fleetwright.protocol.LifecycleFormat;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running provisioner ({@code provisioner run}): a Temporal worker, discovery, the metrics
 * endpoint and the provisioner's own lifecycle events, wired from one config.
 */
public final class Provisioner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  /** How long a node whose run just completed is not provisioned again (Go holds 60 s). */
  static final Duration HOLD_AFTER_SUCCESS = Duration.ofSeconds(60);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final PrometheusMeterRegistry registry;
  private final ProvisionerConfig config;

  /** The exit status of a worker whose virtual-thread scheduler stopped (EX_SOFTWARE). */
  public static final int EXIT_STUCK = 70;

  private final Readiness readiness = new Readiness();
  private final PollWatch polls = new PollWatch();
  private volatile TemporalConnection temporal;
  private volatile ChoriaClient choria;
  private volatile ChoriaClient site;
  private volatile StallWatch stallWatch;
  private volatile FleetGauges gauges;
  private Discovery discovery;
  private FleetOperator operator;
  private MonitorServer monitor;
  private CodecEndpoint codecEndpoint;

  private Provisioner(ProvisionerConfig config) {
    this.config = config;
    this.registry = Meters.prometheus(config.site());
  }

  public static Provisioner start(ProvisionerConfig config) {
    Provisioner p = new Provisioner(config);
    try {
      p.wire();
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /**
   * Starts every part in the order the worker needs them; each step is below. The monitor comes
   * first, so that a worker stuck on the way answers /healthz with what is missing.
   */
  private void wire() {
    keep(new SdkReportFilter(registry).install());
    keep(Meters.bindJvm(registry));
    startMonitor();
    JdkDefects.warnIfAny();
    Optional<AesGcmCodec> codec = CodecKeys.forRun(config);
    connectTemporal(codec);
    connectNats();
    HelperRunner helper = keep(HelperRunners.create(Helpers.config(config)));
    readiness.reached(
        Readiness.Stage.HELPER_READY, Helpers.warmUp(helper, config.features().pki()));
    NodeAdmission admission = startWorker(helper);
    operator =
        new FleetOperator(
            temporal.client(), config.temporal().namespace(), config.temporal().taskQueue());
    gauges = keep(new FleetGauges(operator, registry, config.site()));
    gauges.start(Duration.ofSeconds(5));
    startDiscovery(admission, gauges);
    codecEndpoint = CodecKeys.endpoint(config, codec).map(this::keep).orElse(null);
    publishEvent(LifecycleEvent.STARTUP);
    LOG.info(
        "provisioner {} running: task queue {} on {}, NATS {}, helper {}",
        config.identity(),
        config.temporal().taskQueue(),
        temporal.target(),
        config.nats().servers(),
        helper.name());
  }

  private void startMonitor() {
    if (config.monitorPort() <= 0) {
      return;
    }
    monitor =
        keep(
            new MonitorServer(
                config.monitorAddress(),
                config.monitorPort(),
                Meters.exposition(registry, goMetrics()),
                readiness.healthSupplier(
                    () -> temporal == null ? null : temporal.state().name(),
                    state -> TemporalConnection.usable(io.grpc.ConnectivityState.valueOf(state)),
                    this::natsConnected,
                    () -> stallWatch != null && stallWatch.stalled())));
  }

  /** The Go provisioner's metric names over our meters; the fleet gauges start later. */
  private GoMetrics goMetrics() {
    return new GoMetrics(
        registry,
        config.site(),
        () -> gauges != null && gauges.paused() ? 1 : 0,
        () -> gauges == null ? 0 : gauges.waiting());
  }

  private void connectTemporal(Optional<AesGcmCodec> codec) {
    temporal =
        keep(
            TemporalConnection.connect(
                config.temporal(), registry, CodecKeys.converter(codec), List.of(polls)));
    try {
      temporal.ensureSearchAttributes(
          config.temporal().namespace(), SearchAttributeKeys.REGISTRATION);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not register the search attributes {} ({}); register them once with"
              + " 'temporal operator search-attribute create'",
          SearchAttributeKeys.REGISTRATION.keySet(),
          e.getMessage());
    }
    readiness.reached(
        Readiness.Stage.TEMPORAL_CONNECTED,
        "frontend "
            + temporal.target()
            + " ("
            + config.temporal().security()
            + "), namespace "
            + config.temporal().namespace());
  }

  /**
   * Two clients: the provisioning collective, where unprovisioned nodes answer, and the site's main
   * collective, where the puppet agent and provisioned nodes live.
   */
  private void connectNats() {
    choria = keep(ChoriaClients.connectProvisioning(config));
    site = keep(ChoriaClients.connectMainCollective(config));
    readiness.reached(
        Readiness.Stage.NATS_CONNECTED,
        config.nats().servers()
            + " as "
            + config.identity()
            + ", collectives provisioning and "
            + config.siteCollective()
            + (config.mainCollective().servers().equals(config.nats().servers())
                ? ""
                : " on " + config.mainCollective().servers()));
  }

  /** Registers the activities and starts polling; returns the admission the worker enforces. */
  private NodeAdmission startWorker(HelperRunner helper) {
    Activities activities = Activities.create(config, choria, site, helper, registry);
    io.micrometer.core.instrument.Gauge.builder(
            "choria_provisioner_ca_rate_limit",
            config.caLimit(),
            ProvisionerConfig.CaLimit::perSecond)
        .description("ca.rate_limit: most CA calls per second over all workers, 0 for no limit")
        .tag("site", config.site())
        .register(registry);
    NodeAdmission admission =
        new NodeAdmission(config.workers() * 2, NodeAdmission.EXPIRY, Clock.systemUTC());
    ProvisioningWorker worker =
        keep(
            new ProvisioningWorker(
                temporal.client(),
                config.temporal().taskQueue(),
                new AdmissionInterceptor(admission),
                config.workers(),
                config.helperTimeout(),
                config.readStepsBudget(),
                config.caLimit().perSecond(),
                activities.nodeRpc(),
                activities.nodeChange(),
                activities.nodeUpgrade(),
                activities.credentials(),
                activities.helper(),
                activities.puppet(),
                activities.collective()));
    polls.onFirstPoll(
        () ->
            readiness.reached(
                Readiness.Stage.WORKER_POLLING,
                "task queue "
                    + config.temporal().taskQueue()
                    + ", "
                    + config.workers()
                    + " workers"));
    worker.start();
    return admission;
  }

  /** Discovery starts node runs through admission; the stall watch says when they stand still. */
  private void startDiscovery(NodeAdmission admission, FleetGauges gauges) {
    NodeStarter starter =
        new NodeStarter(
            new TemporalNodeRuns(temporal.client(), config.temporal().taskQueue()),
            (identity, source) -> ProvisionInputs.of(config, identity, source.label()),
            gauges::paused,
            Duration.ofSeconds(10),
            HOLD_AFTER_SUCCESS,
            config.failedRetry().backoff(),
            Clock.systemUTC());
    discovery = keep(new Discovery(choria, starter, admission, config, registry));
    discovery.start();
    readiness.reached(Readiness.Stage.DISCOVERY_SUBSCRIBED, Discovery.sources(config));
    stallWatch =
        keep(
            new StallWatch(
                admission,
                discovery::waitingCount,
                discovery::takenCount,
                StallWatch.limit(config.readStepsBudget()),
                Clock.systemUTC(),
                Provisioner::exitForRestart));
    stallWatch.start(Duration.ofSeconds(30));
  }

  /**
   * The virtual-thread scheduler ran nothing for the stall limit: no workflow task or activity can
   * run again in this JVM. Exits with status {@value #EXIT_STUCK} (off the watch's own thread, so
   * the shutdown hooks can stop it), and systemd's {@code Restart=on-failure} or the container's
   * restart policy starts a fresh worker, which picks up every open run from Temporal.
   */
  private static void exitForRestart() {
    Thread.ofPlatform().name("stall-exit").start(() -> System.exit(EXIT_STUCK));
  }

  private boolean natsConnected() {
    ChoriaClient main = choria;
    ChoriaClient siteClient = site;
    return main != null && main.connected() && (siteClient == null || siteClient.connected());
  }

  /**
   * The provisioner announces itself like the Go provisioner: Choria format, component provisioner.
   */
  private void publishEvent(String type) {
    String version = Provisioner.class.getPackage().getImplementationVersion();
    choria.publishLifecycle(
        LifecycleEvent.create(
            type,
            config.identity(),
            LifecycleEvent.PROVISIONER,
            type.equals(LifecycleEvent.SHUTDOWN) ? null : (version == null ? "dev" : version),
            java.time.Instant.now()),
        LifecycleFormat.CHORIA);
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public FleetOperator operator() {
    return operator;
  }

  /** The worker's own Temporal client (with the payload codec). */
  public io.temporal.client.WorkflowClient client() {
    return temporal.client();
  }

  /**
   * Stops discovery, so no new run starts, while the worker keeps running the open ones; {@link
   * #close()} stops the rest.
   */
  public void stopDiscovery() {
    if (discovery != null) {
      discovery.close();
    }
  }

  public Optional<Integer> codecPort() {
    return Optional.ofNullable(codecEndpoint).map(CodecEndpoint::port);
  }

  public Readiness readiness() {
    return readiness;
  }

  public Optional<Integer> monitorPort() {
    return Optional.ofNullable(monitor).map(MonitorServer::port);
  }

  @Override
  public void close() {
    if (choria != null) {
      try {
        publishEvent(LifecycleEvent.SHUTDOWN);
      } catch (RuntimeException e) {
        LOG.debug("could not publish the shutdown event: {}", e.getMessage());
      }
    }
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.debug("closing {}: {}", e.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
