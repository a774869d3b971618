package io.fleetwright.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompletionCommandTest {
  @Test
  void completionPrintsABashScriptThatNamesEverySubcommandAndTheirOptions() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute("completion");
    String script = out.toString();
    assertEquals(0, exit, script);
    assertTrue(script.contains("complete -F _complete_provisioner"), script);
    for (String command : cli.getSubcommands().keySet()) {
      assertTrue(script.contains(command), "no '" + command + "' in the completion script");
    }
    for (String word : List.of("nodes", "status", "cancel", "site", "--json", "--state")) {
      assertTrue(script.contains(word), "no '" + word + "' in the completion script");
    }
  }
}
