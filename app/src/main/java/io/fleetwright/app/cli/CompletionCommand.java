package io.fleetwright.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code provisioner completion}: prints the bash completion script that picocli generates from the
 * command tree (every subcommand and option); zsh reads it after {@code bashcompinit}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash/zsh completion script for every command and option.",
      "bash: source <(provisioner completion)",
      "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(provisioner completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = AutoComplete.bash(spec.root().name(), root);
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
