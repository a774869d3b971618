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
SOAK_RUNS ?= 20
SOAK_NODES ?= 200
FUZZ_TIME ?= 10m
# module:TestClass#method, one Jazzer run each (the @FuzzTest targets next to their decoders).
FUZZ_TARGETS := protocol:DecoderFuzzTest\#decodeRequest protocol:DecoderFuzzTest\#decodeReply \
  protocol:DecoderFuzzTest\#decodeRegistration protocol:DecoderFuzzTest\#lifecycleEvent \
  helpers:ResponseValidatorFuzzTest\#parse credentials:CredentialsFuzzTest\#csr \
  credentials:CredentialsFuzzTest\#jwt site:SiteFileFuzzTest\#yaml site:SiteFileFuzzTest\#json \
  app:ConfigLoaderFuzzTest\#parse

.PHONY: help setup setup-demo build package test demo soak soak-short bench interop chaos fuzz fmt clean check-jdk

help:
	@echo "make setup    install nats-server, the temporal CLI, the Temporal server, PostgreSQL, chromium, playwright-core and go-choria (idempotent, cached in $(CACHE))"
	@echo "make setup-demo  only what make demo needs: the JDK check, nats-server and the temporal CLI"
	@echo "make build    compile and package everything bin/provisioner needs, no tests"
	@echo "make package  target/fleetwright-provisioner-VERSION.tar.gz: bin/, the production jars, the systemd unit, LICENSE"
	@echo "make test     unit, workflow, integration and interop tests, then a short demo soak (what CI runs)"
	@echo "make demo     provision an emulated fleet of NODES=$(NODES) nodes end to end"
	@echo "make soak     the demo soak: SOAK_RUNS=$(SOAK_RUNS) demos of SOAK_NODES=$(SOAK_NODES) nodes in one data folder"
	@echo "make bench    benchmarks, one JSON line each"
	@echo "make interop  only the interop tests against the real Go Choria server"
	@echo "make chaos    only the crash, restart and bad-input suite"
	@echo "make fuzz     each Jazzer fuzz target for FUZZ_TIME=$(FUZZ_TIME) (make test runs only their seeds)"
	@echo "make fmt      format the Java sources (google-java-format)"

check-jdk:
	@bin/find-jdk >/dev/null

setup: check-jdk
	@bin/setup

# make demo needs only nats-server and the temporal CLI (its dev server): no Temporal server build,
# PostgreSQL, Chromium, Playwright or go-choria, which make test and make interop install.
setup-demo: check-jdk
	@bin/setup demo

build: check-jdk
	@# copy-dependencies never deletes: a jar dropped from the build must not linger on the class path.
	rm -rf app/target/lib app/target/lib-slim tools/target/lib
	$(MVN) -q -DskipTests -Dspotless.check.skip=true package

# Only app and what it needs (the production class path), then bin/package, which checks the
# tarball with bin/check-package (contents, no test tooling, the unpacked launcher runs).
package: check-jdk
	rm -rf app/target/lib app/target/lib-slim
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl app -am package
	bin/package

# verify packages the jar and its libraries, so the short soak runs on what was just tested.
test: setup
	$(MVN) $(IT_PROPS) verify
	FLEETWRIGHT_SOAK_BUILT=1 bin/demo-soak 3 100

# bin/demo-soak RUNS NODES: demos with --pki in one data folder, GraalPy and JavaScript helpers in
# turn; ends with one 'soak: runs ...' line and fails unless every run ended N/N cleanly.
soak: setup build
	FLEETWRIGHT_SOAK_BUILT=1 bin/demo-soak $(SOAK_RUNS) $(SOAK_NODES)

soak-short: setup build
	FLEETWRIGHT_SOAK_BUILT=1 bin/demo-soak 3 100

demo: setup-demo build
	bin/provisioner demo --nodes $(NODES)

# The interop module's ITs only; its upstream modules are built, not tested.
interop: setup
	$(MVN) $(IT_PROPS) -pl interop -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='io.fleetwright.interop.*IT' -Dfailsafe.failIfNoSpecifiedTests=false

bench: setup build
	bin/provisioner bench $(BENCH_ARGS)

# Only the *ChaosIT tests (module it/); each appends one JSON line per fault to it/target/chaos/results.jsonl.
# The summary is printed even when a test failed (its faults' lines are the evidence); the target
# fails when the tests did, or when the summary counts a node lost, configured or restarted twice.
chaos: setup
	rm -f it/target/chaos/results.jsonl
	@status=0; \
	$(MVN) $(IT_PROPS) -pl it -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='$(or $(CHAOS_TESTS),*ChaosIT)' -Dfailsafe.failIfNoSpecifiedTests=false || status=$$?; \
	bin/chaos-summary it/target/chaos/results.jsonl || { summary=$$?; [ $$status -ne 0 ] || status=$$summary; }; \
	exit $$status

fmt: check-jdk
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean

# Each @FuzzTest alone with JAZZER_FUZZ=1 for FUZZ_TIME (Jazzer's jazzer.max_duration, e.g. 30s,
# 10m). A crash fails the run and Jazzer saves the input next to the seeds in src/test/resources/
# <package>/<Class>Inputs/<method>/, where it stays as a regression case once the decoder is fixed.
# The generated corpus goes to .cifuzz-corpus/ (git-ignored). Runs every target, fails if any did.
# The config loader compiles cert_deny_list as a regex by design (the operator's own pattern), so
# its target runs without Jazzer's regex-injection hook, which reports every such compile.
fuzz: check-jdk
	@status=0; for t in $(FUZZ_TARGETS); do \
	  module=$${t%%:*}; test=$${t#*:}; echo "fuzz: $$test for $(FUZZ_TIME)"; \
	  hooks=; case $$test in ConfigLoaderFuzzTest*) \
	    hooks=-Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection;; esac; \
	  JAZZER_FUZZ=1 $(MVN) -q -pl $$module -am test -Djazzer.max_duration=$(FUZZ_TIME) $$hooks \
	    -Dtest="$$test" -Dsurefire.failIfNoSpecifiedTests=false || status=1; \
	done; exit $$status
