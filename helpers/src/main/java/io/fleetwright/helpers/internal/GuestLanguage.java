package io.fleetwright.helpers.internal;

import io.fleetwright.helpers.HelperRuntime;
import java.util.Locale;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * What differs between the in-process languages: the language id, how the {@code provision}
 * function is found, the bridge that moves JSON text across the boundary, and whether a statement
 * limit works (GraalPy's is unreliable, so Python relies on the watchdog alone).
 */
public enum GuestLanguage {
  /** GraalJS; {@code .mjs} files are ES modules that export {@code provision}. */
  JAVASCRIPT(
      "js",
      HelperRuntime.JAVASCRIPT,
      true,
      "(function (provision, input) {\n"
          + "  const output = provision(JSON.parse(input));\n"
          + "  return output === undefined ? undefined : JSON.stringify(output);\n"
          + "})"),
  /** GraalPy; the file defines {@code def provision(input)} at module level. */
  PYTHON(
      "python",
      HelperRuntime.PYTHON,
      false,
      "(lambda json: (lambda provision, input:"
          + " json.dumps(provision(json.loads(input)), allow_nan=False)))(__import__('json'))");

  private final String id;
  private final HelperRuntime runtime;
  private final boolean statementLimit;
  private final Source bridge;

  GuestLanguage(String id, HelperRuntime runtime, boolean statementLimit, String bridge) {
    this.id = id;
    this.runtime = runtime;
    this.statementLimit = statementLimit;
    this.bridge = Source.newBuilder(id, bridge, "fleetwright-bridge").buildLiteral();
  }

  /**
   * The polyglot language id.
   *
   * @return {@code js} or {@code python}
   */
  public String id() {
    return id;
  }

  HelperRuntime runtime() {
    return runtime;
  }

  boolean supportsStatementLimit() {
    return statementLimit;
  }

  Source bridge() {
    return bridge;
  }

  boolean isModule(String fileName) {
    return this == JAVASCRIPT && fileName.toLowerCase(Locale.ROOT).endsWith(".mjs");
  }

  Source source(String fileName, String code) {
    Source.Builder builder = Source.newBuilder(id, code, fileName);
    if (isModule(fileName)) {
      builder.mimeType("application/javascript+module");
    }
    return builder.buildLiteral();
  }

  /** Finds {@code provision}: a module's export, or a global of the script. */
  Value provisionFunction(Context context, Value evaluated, String fileName) {
    if (isModule(fileName)) {
      return evaluated == null ? null : evaluated.getMember("provision");
    }
    return context.getBindings(id).getMember("provision");
  }

  String example() {
    return this == JAVASCRIPT
        ? "function provision(input) { ... return output; }"
        : "def provision(input): ... return output";
  }
}
