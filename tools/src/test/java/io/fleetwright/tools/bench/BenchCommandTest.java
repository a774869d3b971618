package io.fleetwright.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.tools.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class BenchCommandTest {

  private record Run(int exit, String err) {}

  private static Run bench(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    String[] all = new String[args.length + 1];
    all[0] = "bench";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(cli.execute(all), err.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--only=throughput,speed | unknown benchmark 'speed'; choose from throughput,latency",
        "--nodes=0 | --nodes must be between 1 and 1000000, got 0",
        "--workers=0 | --workers must be between 1 and 10000, got 0",
        "--key-pool=-1 | --key-pool must be between 0",
        "--warmup=-1 | --warmup must be between 0 (a cold start) and 1000000 nodes, got -1",
        "--latency-rate=0 | --latency-rate must be between 1 and 10000",
        "--latency-seconds=0 | --latency-seconds must be between 1 and 3600",
        "--memory-nodes=10000,1000 | --memory-nodes: counts must grow",
        "--memory-nodes=0 | --memory-nodes: every count must be between 1 and 1000000, got 0",
        "--helper-calls=1 | --helper-calls must be at least 10",
        "--timeout=1 | --timeout must be at least 10 seconds",
        "--worker-heap-mb=64 | --worker-heap-mb must be between 128 and 65536, got 64",
        "--provisioner-command=/no/such/provisioner | --provisioner-command: /no/such/provisioner"
            + " is not an executable file",
      })
  void refusesABadOptionBeforeStartingAnythingAndNamesIt(String arg, String message) {
    Run run = bench(arg);
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains(message.strip()), run.err());
  }

  @Test
  void takesEveryBenchmarkByDefaultAndTheGivenOnesWithOnly() {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs();
    assertEquals(BenchSettings.ALL, List.copyOf(command.only));
    BenchCommand some = new BenchCommand();
    CommandLine cli = new CommandLine(some);
    cli.parseArgs("--only", "latency,memory", "--nodes", "300", "--peer-provisioner", "/x/go");
    BenchSettings settings = some.settings();
    assertTrue(settings.runs("latency") && settings.runs("memory"), settings.toString());
    assertTrue(!settings.runs("throughput"), settings.toString());
    assertEquals(300, settings.nodes());
    assertEquals("/x/go", settings.peer().orElseThrow().toString());
  }

  @Test
  void takesTheProductionShapedServerLineAloneOrBesideTheDevServerOne() {
    assertTrue(BenchSettings.ALL.contains("throughput_production"), BenchSettings.ALL.toString());
    BenchCommand some = new BenchCommand();
    new CommandLine(some).parseArgs("--only", "throughput,throughput_production");
    BenchSettings settings = some.settings();
    assertTrue(settings.runs("throughput_production"), settings.toString());
    assertTrue(settings.runs("throughput"), settings.toString());
    assertTrue(!settings.runs("latency"), settings.toString());
  }

  @Test
  void isListedAmongTheCommands() {
    assertTrue(Main.commandLine().getSubcommands().containsKey("bench"));
  }
}
