package io.fleetwright.app.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.ProvisionerConfig.Secret;
import io.fleetwright.app.ProvisionerConfig.Temporal;
import io.fleetwright.app.ProvisionerConfig.TemporalTls;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API key travels on every call of a connection, the operator service's too; a frontend that
 * refuses it gets a message naming the setting. The server here is a bare gRPC server on 127.0.0.1
 * that records headers: a real Temporal server only checks keys behind a custom authorizer.
 */
class TemporalConnectionTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private volatile boolean refuse;
  private Server server;

  @BeforeEach
  void start() throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("temporal.api.workflowservice.v1.WorkflowService", ServingStatus.SERVING);
    ServerInterceptor record =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            seen.put(method, String.valueOf(headers.get(AUTHORIZATION)));
            if (refuse) {
              call.close(Status.UNAUTHENTICATED.withDescription("bad api key"), new Metadata());
              return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(health.getHealthService(), record))
            .fallbackHandlerRegistry(new Unimplemented(record).registry())
            .build()
            .start();
  }

  /** Answers the operator service UNIMPLEMENTED, after the interceptor has seen its headers. */
  private record Unimplemented(ServerInterceptor record) {
    HandlerRegistry registry() {
      return new HandlerRegistry() {
        @Override
        public @Nullable ServerMethodDefinition<?, ?> lookupMethod(
            String method, @Nullable String authority) {
          if (!method.startsWith("temporal.api.operatorservice.")) {
            return null; // The SDK reads the gRPC server's own UNIMPLEMENTED as "old server".
          }
          MethodDescriptor<InputStream, InputStream> descriptor =
              MethodDescriptor.<InputStream, InputStream>newBuilder()
                  .setFullMethodName(method)
                  .setType(MethodDescriptor.MethodType.UNKNOWN)
                  .setRequestMarshaller(RAW)
                  .setResponseMarshaller(RAW)
                  .build();
          ServerCallHandler<InputStream, InputStream> refuse =
              (call, headers) -> {
                call.close(Status.UNIMPLEMENTED, new Metadata());
                return new ServerCall.Listener<>() {};
              };
          return ServerInterceptors.interceptForward(
                  ServerServiceDefinition.builder(method.substring(0, method.indexOf('/')))
                      .addMethod(descriptor, refuse)
                      .build(),
                  record)
              .getMethod(method);
        }
      };
    }
  }

  private static final MethodDescriptor.Marshaller<InputStream> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
          return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
          return stream;
        }
      };

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  private Temporal settings(String key) {
    return new Temporal(
        "127.0.0.1:" + server.getPort(), "default", "q", TemporalTls.OFF, new Secret(key));
  }

  private TemporalConnection connect(String key) {
    return TemporalConnection.connect(
        settings(key),
        new SimpleMeterRegistry(),
        DefaultDataConverter.STANDARD_INSTANCE,
        List.of());
  }

  @Test
  void theApiKeyIsABearerTokenOnTheHealthCheck() {
    try (TemporalConnection c = connect("k-123")) {
      assertEquals("Bearer k-123", seen.get("grpc.health.v1.Health/Check"), seen.toString());
    }
  }

  @Test
  void withoutAKeyNoAuthorizationHeaderIsSent() {
    try (TemporalConnection c = connect("")) {
      assertEquals("null", seen.get("grpc.health.v1.Health/Check"), seen.toString());
    }
  }

  @Test
  void aRefusedKeyNamesTheFrontendAndTheSetting() {
    refuse = true;
    TemporalConnectException e = assertThrows(TemporalConnectException.class, () -> connect("x"));
    assertTrue(e.getMessage().contains("127.0.0.1:" + server.getPort()), e.getMessage());
    assertTrue(e.getMessage().contains("temporal.api_key_file"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void registeringSearchAttributesCarriesTheApiKeyToo() {
    try (TemporalConnection c = connect("k-456")) {
      // This server has no operator service: the call fails, after sending its headers.
      assertThrows(
          StatusRuntimeException.class,
          () -> c.ensureSearchAttributes("default", Map.of("Site", "Keyword")));
      assertEquals(
          "Bearer k-456",
          seen.get("temporal.api.operatorservice.v1.OperatorService/AddSearchAttributes"),
          seen.toString());
    }
  }
}
