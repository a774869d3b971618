package io.fleetwright.app.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.app.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage of approve and reject; what they do to nodes is covered by ApprovalIT. */
class ApprovalCommandsTest {
  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), err.toString());
  }

  @Test
  void approveNeedsEitherIdsOrAllWaitingButNotBoth() {
    Run none = run("approve");
    assertEquals(2, none.exit(), none.err());
    assertTrue(none.err().contains("--all-waiting") && none.err().contains("ID"), none.err());

    Run both = run("approve", "node1", "--all-waiting");
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
  }

  @Test
  void rejectNeedsAtLeastOneId() {
    Run none = run("reject", "--reason", "wrong rack");
    assertEquals(2, none.exit(), none.err());
    assertTrue(none.err().contains("Missing required parameter"), none.err());
  }
}
