# The provisioner image used by docker-compose.yml: `docker build -t fleetwright/provisioner .`
# Build stage: the Maven reactor on a Temurin 21 JDK, tests skipped (make test runs them). Maven reads
# every module's pom, so each is copied; only app and the modules it needs are built (-pl app -am).
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
RUN mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl app -am package

# Runtime stage: a Temurin 21 JRE, the jar, its libraries and the example helpers; runs as a user.
FROM eclipse-temurin:21.0.8_9-jre
RUN useradd --system --home-dir /var/lib/fleetwright --create-home fleetwright
COPY --from=build /src/app/target/provisioner.jar /opt/fleetwright/provisioner.jar
COPY --from=build /src/app/target/lib /opt/fleetwright/lib
COPY helpers/examples /opt/fleetwright/helpers/examples
USER fleetwright
WORKDIR /var/lib/fleetwright
EXPOSE 9090
# C1 only, as bin/provisioner does for 'run': see docs/benchmarks.md.
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseZGC", "-Xss512k", "--enable-native-access=ALL-UNNAMED", \
  "-cp", "/opt/fleetwright/provisioner.jar:/opt/fleetwright/lib/*", "io.fleetwright.app.cli.Main"]
CMD ["run", "--config", "/etc/fleetwright/provisioner.yaml"]
