package io.fleetwright.app.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.fleetwright.app.ProvisionerConfig;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A connection to the Temporal frontend, with the SDK's metrics flowing into our registry. */
public final class TemporalConnection implements AutoCloseable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowServiceStubsOptions options;
  private final WorkflowClient client;
  private final Scope scope;
  private final String target;

  private TemporalConnection(
      WorkflowServiceStubs stubs,
      WorkflowServiceStubsOptions options,
      WorkflowClient client,
      Scope scope,
      String target) {
    this.stubs = stubs;
    this.options = options;
    this.client = client;
    this.scope = scope;
    this.target = target;
  }

  /** A plain-text connection without an API key, as a local dev server takes. */
  public static TemporalConnection connect(
      String target, String namespace, MeterRegistry registry, DataConverter converter) {
    return connect(
        ProvisionerConfig.Temporal.plain(target, namespace, "unused"),
        registry,
        converter,
        List.of());
  }

  /**
   * Connects as the settings say (TLS, mTLS, API key) and checks the frontend answers.
   *
   * @param interceptors see every call on the connection, e.g. to notice the worker's first poll
   * @throws TemporalConnectException naming the frontend, what came back and the setting to fix
   */
  public static TemporalConnection connect(
      ProvisionerConfig.Temporal settings,
      MeterRegistry registry,
      DataConverter converter,
      List<ClientInterceptor> interceptors) {
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    WorkflowServiceStubsOptions options =
        WorkflowServiceStubsOptions.newBuilder(TemporalClientOptions.stubs(settings))
            .setMetricsScope(scope)
            .setRpcTimeout(Duration.ofSeconds(10))
            .setGrpcClientInterceptors(interceptors)
            .build();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options);
    try {
      stubs.healthCheck();
    } catch (StatusRuntimeException e) {
      stubs.shutdownNow();
      throw TemporalConnectException.of(settings, e);
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setDataConverter(converter)
                .build());
    return new TemporalConnection(stubs, options, client, scope, settings.target());
  }

  public WorkflowClient client() {
    return client;
  }

  public String target() {
    return target;
  }

  /**
   * The state of the connection to the frontend now, without a call: {@code READY} while calls
   * flow, {@code IDLE} between them, {@code CONNECTING} or {@code TRANSIENT_FAILURE} while the
   * server cannot be reached.
   */
  public ConnectivityState state() {
    return stubs.getRawChannel().getState(false);
  }

  /** True for the states in which calls reach the server. */
  public static boolean usable(ConnectivityState state) {
    return state == ConnectivityState.READY || state == ConnectivityState.IDLE;
  }

  /**
   * Registers the search attributes that are missing. The dev server's flag only applies when the
   * namespace is first created, and production clusters need them registered once.
   */
  public void ensureSearchAttributes(String namespace, Map<String, String> attributes) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                // The raw channel carries TLS; the API key is a header each stub adds.
                .setGrpcMetadataProviders(options.getGrpcMetadataProviders())
                .setHeaders(options.getHeaders())
                .validateAndBuildWithDefaults());
    Set<String> existing;
    try {
      existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap()
              .keySet();
    } catch (StatusRuntimeException e) {
      // Temporal's in-process test server cannot list them; adding is still possible.
      existing = Set.of();
    }
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (existing.contains(attribute.getKey())) {
        continue;
      }
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(attribute.getKey(), indexedType(attribute.getValue()))
                    .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
  }

  private static IndexedValueType indexedType(String type) {
    return switch (type) {
      case "Keyword" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
      case "Int" -> IndexedValueType.INDEXED_VALUE_TYPE_INT;
      case "Text" -> IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
      case "Double" -> IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
      case "Bool" -> IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      default -> throw new IllegalArgumentException("unknown search attribute type " + type);
    };
  }

  @Override
  public void close() {
    stubs.shutdown();
    try {
      scope.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // The last metrics flush failed; nothing is lost that matters at shutdown.
    }
  }
}
