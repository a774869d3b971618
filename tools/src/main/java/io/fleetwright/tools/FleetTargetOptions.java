package io.fleetwright.tools;

import io.fleetwright.fleet.TargetResolver;
import io.fleetwright.fleet.TargetResolvers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code fleet --target static|hint-file|srv}: how the emulated nodes find their broker, with the
 * node-side provisioning-target resolvers of {@link TargetResolvers}.
 */
final class FleetTargetOptions {
  static final List<String> TARGETS = List.of("static", "hint-file", "srv");

  @Option(
      names = "--target",
      paramLabel = "KIND",
      completionCandidates = Kinds.class,
      description =
          "How nodes find the broker: static (--nats), hint-file (--hint-file, --hint-field,"
              + " --hint-broker) or srv (--srv-domain, --dns). Default ${DEFAULT-VALUE}.")
  String target = "static";

  @Option(
      names = "--hint-file",
      paramLabel = "FILE",
      description = "hint-file: JSON file such as {\"datacenter\":\"ams1\"}.")
  Path hintFile;

  @Option(
      names = "--hint-field",
      paramLabel = "FIELD",
      description = "hint-file: the field of the hint file to look up, e.g. datacenter.")
  String hintField;

  @Option(
      names = "--hint-broker",
      paramLabel = "VALUE=URLS",
      description =
          "hint-file: the broker(s) for one value of the field, e.g."
              + " ams1=nats://broker.ams1:4222; repeat for each value.")
  Map<String, String> hintBrokers = new LinkedHashMap<>();

  @Option(
      names = "--srv-domain",
      paramLabel = "DOMAIN",
      description = "srv: look up _choria-provisioner._tcp.DOMAIN.")
  String srvDomain;

  @Option(
      names = "--dns",
      paramLabel = "HOST:PORT",
      description = "srv: ask this DNS server instead of the system resolver.")
  String dns;

  /**
   * The resolver the options name; empty for {@code static}, whose brokers are {@code --nats}.
   *
   * @throws ParameterException naming the missing or misplaced option (exit code 2)
   */
  Optional<TargetResolver> resolver(CommandSpec spec) {
    return switch (target) {
      case "static" -> {
        refuseOthers(spec, "static", hintOptions(), srvOptions());
        yield Optional.empty();
      }
      case "hint-file" -> {
        refuseOthers(spec, "hint-file", srvOptions(), List.of());
        require(spec, "hint-file", hintFile != null, "--hint-file FILE");
        require(spec, "hint-file", hintField != null, "--hint-field FIELD");
        require(spec, "hint-file", !hintBrokers.isEmpty(), "--hint-broker VALUE=URLS");
        yield Optional.of(TargetResolvers.hintFile(hintFile, hintField, hintBrokers));
      }
      case "srv" -> {
        refuseOthers(spec, "srv", hintOptions(), List.of());
        require(spec, "srv", srvDomain != null, "--srv-domain DOMAIN");
        yield Optional.of(
            dns == null
                ? TargetResolvers.dnsSrv(srvDomain)
                : TargetResolvers.dnsSrv(srvDomain, dns));
      }
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--target " + target + " is not a target kind; use one of " + TARGETS);
    };
  }

  /** Whether {@code --nats} may be given with this target: only static uses it. */
  boolean usesNats() {
    return target.equals("static");
  }

  private List<String> hintOptions() {
    List<String> given = new ArrayList<>();
    if (hintFile != null) {
      given.add("--hint-file");
    }
    if (hintField != null) {
      given.add("--hint-field");
    }
    if (!hintBrokers.isEmpty()) {
      given.add("--hint-broker");
    }
    return given;
  }

  private List<String> srvOptions() {
    List<String> given = new ArrayList<>();
    if (srvDomain != null) {
      given.add("--srv-domain");
    }
    if (dns != null) {
      given.add("--dns");
    }
    return given;
  }

  private static void refuseOthers(
      CommandSpec spec, String kind, List<String> given, List<String> alsoGiven) {
    List<String> all = new ArrayList<>(given);
    all.addAll(alsoGiven);
    if (!all.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          String.join(", ", all)
              + " do(es) nothing with --target "
              + kind
              + "; drop it or choose the --target it belongs to");
    }
  }

  private static void require(CommandSpec spec, String kind, boolean present, String option) {
    if (!present) {
      throw new ParameterException(
          spec.commandLine(), "--target " + kind + " needs " + option + "; see fleet --help");
    }
  }

  /** The target kinds, for help and shell completion. */
  static final class Kinds extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Kinds() {
      super(TARGETS);
    }
  }
}
