# The provisioner image used by docker-compose.yml: `docker build -t fleetwright/provisioner .`
# Build stage: the Maven reactor on a Temurin 21 JDK, tests skipped (make test runs them). Maven reads
# every module's pom, so each is copied; only app, tools and the modules they need are built.
FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml ./
COPY site site
COPY api api
COPY protocol protocol
COPY credentials credentials
COPY helpers helpers
COPY activities activities
COPY workflows workflows
COPY fleet fleet
COPY devstack devstack
COPY testing testing
COPY app app
COPY tools tools
COPY it it
COPY interop interop
RUN mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl app,tools -am package

# Runtime stage of both images: a Temurin 21 JRE, the jar and the example helpers; runs as a user.
FROM eclipse-temurin:21.0.8_9-jre AS runtime
RUN useradd --system --home-dir /var/lib/fleetwright --create-home fleetwright
COPY --from=build /src/app/target/provisioner.jar /opt/fleetwright/provisioner.jar
COPY helpers/examples /opt/fleetwright/helpers/examples
USER fleetwright
WORKDIR /var/lib/fleetwright
EXPOSE 9090
# The JVM's tiered JIT, as bin/provisioner runs 'run' (docs/benchmarks.md, issue 20 item 4); add
# -XX:TieredStopAtLevel=1 through JAVA_TOOL_OPTIONS for C1 only on a machine short of CPU.
ENTRYPOINT ["java", "-XX:+UseZGC", "-Xss512k", "--enable-native-access=ALL-UNNAMED", \
  "-cp", "/opt/fleetwright/provisioner.jar:/opt/fleetwright/lib/*", "io.fleetwright.app.cli.Main"]
CMD ["run", "--config", "/etc/fleetwright/provisioner.yaml"]

# The slim image, `docker build --target slim -t fleetwright/provisioner:0.1.0-slim .`: the production
# class path without GraalVM's jars (app/target/lib-slim), for subprocess helpers only. A .js or .py
# helper stops `run` at start-up with an error that names the full image (SlimClassPathIT).
FROM runtime AS slim
COPY --from=build /src/app/target/lib-slim /opt/fleetwright/lib

# The emulated fleet for compose's `fleet` profile, `docker build --target fleet -t fleetwright/fleet:0.1.0 .`:
# the tools (emulator, demo, bench) with their own class path, which the provisioner's images never carry.
FROM runtime AS fleet
COPY --from=build /src/tools/target/tools.jar /opt/fleetwright/tools.jar
COPY --from=build /src/tools/target/lib /opt/fleetwright/lib
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseZGC", "--enable-native-access=ALL-UNNAMED", \
  "-cp", "/opt/fleetwright/tools.jar:/opt/fleetwright/lib/*", "io.fleetwright.tools.Main"]
CMD ["fleet", "--help"]

# The full image, the default target (docker-compose.yml builds it): GraalJS and GraalPy included,
# for in-process helpers. Its engines are created only when such a helper is configured.
FROM runtime AS full
COPY --from=build /src/app/target/lib /opt/fleetwright/lib
