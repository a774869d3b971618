package io.fleetwright.devstack;

import java.nio.file.Path;

/**
 * The server's static config: the same settings as the {@code config/docker.yaml} template that the
 * {@code temporalio/server} image renders from docker-compose.yml's environment (PostgreSQL {@code
 * postgres12} for both stores, its pool sizes, one cluster), with every port on 127.0.0.1.
 */
final class TemporalServerConfig {
  /** The ports one server process listens on; membership ports must stay below 32768. */
  record Ports(
      int frontend,
      int frontendHttp,
      int frontendMembership,
      int history,
      int historyMembership,
      int matching,
      int matchingMembership,
      int worker,
      int workerMembership,
      int metrics) {

    /** Picks every port below 32768: the membership table stores them as SMALLINT. */
    static Ports pick() {
      int[] p = new int[10];
      for (int i = 0; i < p.length; i++) {
        int port;
        do {
          port = FreePorts.nextBelow(32768);
        } while (contains(p, i, port));
        p[i] = port;
      }
      return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
    }

    private static boolean contains(int[] ports, int count, int port) {
      for (int i = 0; i < count; i++) {
        if (ports[i] == port) {
          return true;
        }
      }
      return false;
    }
  }

  private TemporalServerConfig() {}

  static String render(
      PostgresCluster db,
      int shards,
      String logLevel,
      Path dynamicConfig,
      Ports ports,
      java.util.Optional<TemporalServerTls> tls) {
    String address = db.host() + ":" + db.port();
    return """
        # Written by fleetwright's devstack TemporalServer; mirrors the temporalio/server image's
        # config/docker.yaml with DB=postgres12 (see docker-compose.yml).
        log:
          stdout: true
          level: %s
        persistence:
          numHistoryShards: %d
          defaultStore: default
          visibilityStore: visibility
          datastores:
            default:
        %s
            visibility:
        %s
        global:
          membership:
            maxJoinDuration: 30s
            broadcastAddress: "127.0.0.1"
          pprof:
            port: 0
          metrics:
            prometheus:
              timerType: histogram
              listenAddress: "127.0.0.1:%d"
        %sservices:
          frontend:
            rpc: {grpcPort: %d, httpPort: %d, membershipPort: %d, bindOnIP: "127.0.0.1"}
          history:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnIP: "127.0.0.1"}
          matching:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnIP: "127.0.0.1"}
          worker:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnIP: "127.0.0.1"}
        clusterMetadata:
          enableGlobalNamespace: false
          failoverVersionIncrement: 10
          masterClusterName: active
          currentClusterName: active
          clusterInformation:
            active:
              enabled: true
              initialFailoverVersion: 1
              rpcName: frontend
              rpcAddress: "127.0.0.1:%d"
              httpAddress: "127.0.0.1:%d"
        dcRedirectionPolicy:
          policy: noop
        dynamicConfigClient:
          filepath: %s
          pollInterval: 10s
        """
        .formatted(
            logLevel,
            shards,
            sqlStore(db, address, "temporal", 20),
            sqlStore(db, address, "temporal_visibility", 10),
            ports.metrics(),
            tls.map(TemporalServerTls::render).orElse(""),
            ports.frontend(),
            ports.frontendHttp(),
            ports.frontendMembership(),
            ports.history(),
            ports.historyMembership(),
            ports.matching(),
            ports.matchingMembership(),
            ports.worker(),
            ports.workerMembership(),
            ports.frontend(),
            ports.frontendHttp(),
            quote(dynamicConfig.toAbsolutePath().toString()));
  }

  /** One SQL datastore, with the docker.yaml template's pool sizes (SQL_MAX_CONNS defaults). */
  private static String sqlStore(PostgresCluster db, String address, String name, int conns) {
    return """
              sql:
                pluginName: postgres12
                databaseName: %s
                connectAddr: "%s"
                connectProtocol: tcp
                user: %s
                password: %s
                maxConns: %d
                maxIdleConns: %d
                maxConnLifetime: 1h\
        """
        .formatted(name, address, quote(db.user()), quote(db.password()), conns, conns);
  }

  /** A YAML double-quoted scalar. */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
