package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the program of a helper command to an absolute path once, at configuration time, using
 * the helper's own (scrubbed) PATH rather than the provisioner's: the JDK would otherwise look the
 * program up in the parent's PATH.
 */
public final class ProgramResolver {
  private ProgramResolver() {}

  /**
   * Returns {@code words} with the first word replaced by the absolute path of the program.
   *
   * @param words the split command line, not empty
   * @param path the PATH the helper runs with
   * @return the resolved command
   * @throws HelperException of kind CONFIG naming the program and the fix
   */
  public static List<String> resolveCommand(List<String> words, String path) {
    List<String> resolved = new ArrayList<>(words);
    resolved.set(0, resolve(words.get(0), path).toString());
    return List.copyOf(resolved);
  }

  private static Path resolve(String program, String path) {
    if (program.contains("/")) {
      Path file = Path.of(program).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw config(
            "helper: the helper program "
                + file
                + " does not exist; set helper to an existing executable or helper file"
                + " (examples are in helpers/examples/)");
      }
      if (!Files.isExecutable(file)) {
        throw config(
            "helper: the helper program "
                + file
                + " is not executable; run 'chmod +x "
                + file
                + "' or name its interpreter, e.g. helper: '/bin/sh "
                + file
                + "'");
      }
      return file;
    }
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw config(
        "helper: program '"
            + program
            + "' not found in the helper's PATH="
            + path
            + "; give its absolute path or add its directory to the helper environment's PATH");
  }

  private static HelperException config(String message) {
    return new HelperException(HelperException.Kind.CONFIG, message);
  }
}
