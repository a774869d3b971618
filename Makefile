# Fleetwright: durable provisioning for Choria fleets on Temporal.
# Every target finds the newest JDK 21+ on the machine itself (bin/find-jdk).

SHELL := /bin/bash
CACHE ?= $(or $(FLEETWRIGHT_CACHE),$(HOME)/.cache/fleetwright)
JDK := $(shell bin/find-jdk 2>/dev/null)
TEMPORAL := $(CACHE)/bin/temporal
NATS_SERVER := $(shell command -v nats-server 2>/dev/null || echo nats-server)
MVN := JAVA_HOME=$(JDK) mvn -B -ntp -Dstyle.color=never
IT_PROPS := -Dfleetwright.temporal=$(TEMPORAL) -Dfleetwright.nats-server=$(NATS_SERVER)
NODES ?= 500

.PHONY: help setup build test demo bench interop chaos fmt clean check-jdk

help:
	@echo "make setup    install nats-server, the temporal CLI, the Temporal server, PostgreSQL, chromium and playwright-core (idempotent, cached in $(CACHE))"
	@echo "make build    compile and package everything bin/provisioner needs, no tests"
	@echo "make test     unit, workflow, integration and interop tests (what CI runs)"
	@echo "make demo     provision an emulated fleet of NODES=$(NODES) nodes end to end"
	@echo "make bench    benchmarks, one JSON line each"
	@echo "make interop  only the interop tests against the real Go Choria server"
	@echo "make chaos    only the crash, restart and bad-input suite"
	@echo "make fmt      format the Java sources (google-java-format)"

check-jdk:
	@bin/find-jdk >/dev/null

setup: check-jdk
	@bin/setup

build: check-jdk
	@# copy-dependencies never deletes: a jar dropped from the build must not linger on the class path.
	rm -rf app/target/lib
	$(MVN) -q -DskipTests -Dspotless.check.skip=true package

test: setup
	$(MVN) $(IT_PROPS) verify

demo: setup build
	bin/provisioner demo --nodes $(NODES)

# The interop module's ITs only; its upstream modules are built, not tested.
interop: setup
	$(MVN) $(IT_PROPS) -pl interop -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='io.fleetwright.interop.*IT' -Dfailsafe.failIfNoSpecifiedTests=false

bench: setup build
	bin/provisioner bench $(BENCH_ARGS)

# Only the *ChaosIT tests; each appends one JSON line per fault to app/target/chaos/results.jsonl.
chaos: setup
	rm -f app/target/chaos/results.jsonl
	$(MVN) $(IT_PROPS) -pl app -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='*ChaosIT' -Dfailsafe.failIfNoSpecifiedTests=false
	@bin/chaos-summary app/target/chaos/results.jsonl

fmt: check-jdk
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean
