package io.fleetwright.app;

import io.fleetwright.activities.ActivityMetrics;
import io.fleetwright.activities.CredentialActivitiesImpl;
import io.fleetwright.activities.HelperActivitiesImpl;
import io.fleetwright.activities.NodeChangeActivitiesImpl;
import io.fleetwright.activities.NodeRpcActivitiesImpl;
import io.fleetwright.activities.PuppetActivitiesImpl;
import io.fleetwright.activities.SecretSealer;
import io.fleetwright.api.SearchAttributeKeys;
import io.fleetwright.app.codec.AesGcmCodec;
import io.fleetwright.app.codec.CodecEndpoint;
import io.fleetwright.app.codec.CodecKeys;
import io.fleetwright.app.config.Durations;
import io.fleetwright.app.config.ProvisionInputs;
import io.fleetwright.app.discovery.AdmissionInterceptor;
import io.fleetwright.app.discovery.Discovery;
import io.fleetwright.app.discovery.NodeAdmission;
import io.fleetwright.app.discovery.NodeStarter;
import io.fleetwright.app.discovery.StallWatch;
import io.fleetwright.app.discovery.TemporalNodeRuns;
import io.fleetwright.app.monitor.FleetGauges;
import io.fleetwright.app.monitor.Meters;
import io.fleetwright.app.monitor.MonitorServer;
import io.fleetwright.app.monitor.Readiness;
import io.fleetwright.app.operator.FleetOperator;
import io.fleetwright.app.worker.PollWatch;
import io.fleetwright.app.worker.ProvisioningWorker;
import io.fleetwright.app.worker.SdkReportFilter;
import io.fleetwright.app.worker.TemporalConnection;
import io.fleetwright.helpers.HelperConfig;
import io.fleetwright.helpers.HelperRequest;
import io.fleetwright.helpers.HelperResponse;
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

  /**
   * How long every active node run may stand still before the worker says it is stalled: longer
   * than the admission expiry and a workflow task's retries, shorter than a test's patience.
   */
  static final Duration STALL_LIMIT = Duration.ofMinutes(3);

  /** The identity of the synthetic node the in-process helper is warmed up with. */
  static final String WARM_UP_IDENTITY = "warm-up.fleetwright.invalid";

  /** How long a started node counts against admission when its end is not seen here. */
  static final Duration ADMISSION_EXPIRY = Duration.ofSeconds(60);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final PrometheusMeterRegistry registry;
  private final ProvisionerConfig config;
  private final Readiness readiness = new Readiness();
  private final PollWatch polls = new PollWatch();
  private volatile TemporalConnection temporal;
  private volatile ChoriaClient choria;
  private volatile ChoriaClient site;
  private volatile StallWatch stallWatch;
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

  /** The puppet agent, and provisioned nodes, live in the site's main collective. */
  private ChoriaClient siteClient() {
    return keep(
        ChoriaClient.builder()
            .natsUrl(String.join(",", config.nats().servers()))
            .identity(config.identity())
            .callerId("choria=" + config.identity())
            .collective(config.siteCollective())
            .connect());
  }

  private PuppetActivitiesImpl puppetActivities(ChoriaClient site) {
    return new PuppetActivitiesImpl(
        (identity, agent, action, data, timeout) ->
            site.call(identity, agent, action, data, timeout).reply(),
        Duration.ofSeconds(20),
        64);
  }

  private void wire() {
    keep(new SdkReportFilter(registry).install());
    // Up first, so that a worker stuck on the way answers /healthz with what is missing.
    if (config.monitorPort() > 0) {
      monitor =
          keep(
              new MonitorServer(
                  config.monitorAddress(),
                  config.monitorPort(),
                  registry,
                  readiness.healthSupplier(
                      () -> temporal == null ? null : temporal.state().name(),
                      state -> TemporalConnection.usable(io.grpc.ConnectivityState.valueOf(state)),
                      this::natsConnected,
                      () -> stallWatch != null && stallWatch.stalled())));
    }
    Optional<AesGcmCodec> codec = CodecKeys.forRun(config);
    temporal =
        keep(
            TemporalConnection.connect(
                config.temporal().target(),
                config.temporal().namespace(),
                registry,
                CodecKeys.converter(codec),
                List.of(polls)));
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
        "frontend " + temporal.target() + ", namespace " + config.temporal().namespace());
    choria =
        keep(
            ChoriaClient.builder()
                .natsUrl(String.join(",", config.nats().servers()))
                .identity(config.identity())
                .callerId("choria=" + config.identity())
                .connect());
    site = siteClient();
    readiness.reached(
        Readiness.Stage.NATS_CONNECTED,
        config.nats().servers()
            + " as "
            + config.identity()
            + ", collectives provisioning and "
            + config.siteCollective());
    HelperRunner helper = keep(HelperRunners.create(helperConfig()));
    warmUp(helper);
    SecretSealer sealer = sealer();
    ActivityMetrics metrics = new ActivityMetrics(registry, config.site());
    NodeAdmission admission =
        new NodeAdmission(config.workers() * 2, ADMISSION_EXPIRY, Clock.systemUTC());
    ProvisioningWorker worker =
        keep(
            new ProvisioningWorker(
                temporal.client(),
                config.temporal().taskQueue(),
                new AdmissionInterceptor(admission),
                config.workers(),
                config.helperTimeout(),
                new NodeRpcActivitiesImpl(
                    (identity, agent, action, data, timeout) ->
                        choria.call(identity, agent, action, data, timeout).reply(),
                    config.token().value(),
                    sealer,
                    metrics),
                new NodeChangeActivitiesImpl(
                    (identity, agent, action, data, timeout, validUntil) ->
                        choria.call(identity, agent, action, data, timeout, validUntil).reply(),
                    config.token().value(),
                    metrics),
                new CredentialActivitiesImpl(
                    config.certDenyList(),
                    config.jwtVerifyCert(),
                    Credentials.ca(config),
                    Credentials.serverJwtSigner(config),
                    sealer,
                    Clock.systemUTC()),
                new HelperActivitiesImpl(helper, sealer, metrics),
                puppetActivities(site)));
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
    operator =
        new FleetOperator(
            temporal.client(), config.temporal().namespace(), config.temporal().taskQueue());
    FleetGauges gauges = keep(new FleetGauges(operator, registry, config.site()));
    gauges.start(Duration.ofSeconds(5));
    NodeStarter starter =
        new NodeStarter(
            new TemporalNodeRuns(temporal.client(), config.temporal().taskQueue()),
            identity -> ProvisionInputs.of(config, identity, "discovery"),
            gauges::paused,
            Duration.ofSeconds(10),
            HOLD_AFTER_SUCCESS,
            config.failedRetry().backoff(),
            Clock.systemUTC());
    discovery = keep(new Discovery(choria, starter, admission, config, registry));
    discovery.start();
    readiness.reached(Readiness.Stage.DISCOVERY_SUBSCRIBED, discoverySources());
    stallWatch =
        keep(new StallWatch(admission, discovery::waitingCount, STALL_LIMIT, Clock.systemUTC()));
    stallWatch.start(Duration.ofSeconds(30));
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

  private boolean natsConnected() {
    ChoriaClient main = choria;
    ChoriaClient siteClient = site;
    return main != null && main.connected() && (siteClient == null || siteClient.connected());
  }

  private String discoverySources() {
    ProvisionerConfig.Discovery sources = config.discovery();
    List<String> on = new java.util.ArrayList<>();
    if (sources.lifecycle()) {
      on.add("startup events");
    }
    if (sources.registration()) {
      on.add("registration data");
    }
    if (sources.broadcast()) {
      on.add("broadcast every " + Durations.format(config.interval()));
    }
    return on.isEmpty() ? "no source is on (discovery: all off)" : String.join(", ", on);
  }

  /**
   * Calls an in-process helper once with a synthetic node before the worker polls, so that the
   * guest language's warm-up (seconds for GraalPy) happens now and not inside the first nodes'
   * workflow tasks. A subprocess helper is not called: it may reach other systems.
   */
  private void warmUp(HelperRunner helper) {
    if (helper.runtime() == io.fleetwright.helpers.HelperRuntime.SUBPROCESS) {
      readiness.reached(
          Readiness.Stage.HELPER_READY,
          helper.name() + " (a subprocess per node; not called at start-up)");
      return;
    }
    long started = System.nanoTime();
    String outcome;
    try {
      HelperResponse response = helper.run(warmUpRequest());
      outcome =
          switch (response.outcome()) {
            case io.fleetwright.helpers.HelperOutcome.Deferred d ->
                "it deferred the synthetic node";
            case io.fleetwright.helpers.HelperOutcome.ShutdownRequested d ->
                "it would shut the synthetic node down";
            case io.fleetwright.helpers.HelperOutcome.Configure c ->
                "it configured the synthetic node";
          };
    } catch (io.fleetwright.helpers.HelperException e) {
      outcome =
          "its answer for the synthetic node was refused ("
              + e.kind()
              + ": "
              + e.getMessage()
              + "); real nodes are still sent to it";
    }
    readiness.reached(
        Readiness.Stage.HELPER_READY,
        "%s (%s) warmed up with a synthetic node in %d ms; %s"
            .formatted(
                helper.name(),
                helper.runtime(),
                (System.nanoTime() - started) / 1_000_000,
                outcome));
  }

  /** A node no real fleet has, with the inventory shape and facts a helper usually reads. */
  private HelperRequest warmUpRequest() {
    String inventory =
        "{\"agents\":[\"choria_provision\",\"choria_util\",\"discovery\",\"rpcutil\"],"
            + "\"classes\":[],\"collectives\":[\"provisioning\"],\"data\":{},"
            + "\"facts\":{\"country\":\"zz\",\"datacenter\":\"warm-up\"},"
            + "\"machines\":{},\"main_collective\":\"provisioning\",\"version\":\"0.0.0\"}";
    HelperRequest.Csr csr =
        config.features().pki()
            ? new HelperRequest.Csr(
                "-----BEGIN CERTIFICATE REQUEST-----\nd2FybS11cA==\n-----END CERTIFICATE"
                    + " REQUEST-----\n",
                "-----BEGIN PUBLIC KEY-----\nd2FybS11cA==\n-----END PUBLIC KEY-----\n",
                "/etc/choria/ssl")
            : null;
    return new HelperRequest(WARM_UP_IDENTITY, csr, null, inventory, null);
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

  private HelperConfig helperConfig() {
    String helper =
        config
            .helper()
            .map(Object::toString)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "helper is not set: name the program or script that decides each node's configuration,"
                            + " e.g. helper: helpers/examples/provision.js"));
    return HelperConfig.builder()
        .helper(helper)
        .runtime(io.fleetwright.helpers.HelperRuntime.parse(config.helperRuntime()))
        .timeout(config.helperTimeout())
        .build();
  }

  private SecretSealer sealer() {
    String key = System.getenv("FLEETWRIGHT_SEAL_SECRET");
    if (key != null && !key.isBlank()) {
      return SecretSealer.derivedFrom(key);
    }
    if (config.token().isSet()) {
      return SecretSealer.derivedFrom(config.token().value());
    }
    LOG.warn(
        "no token and no FLEETWRIGHT_SEAL_SECRET: secrets in workflow history are sealed with"
            + " a key only this process knows; other workers and restarts cannot open them");
    return SecretSealer.random();
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
