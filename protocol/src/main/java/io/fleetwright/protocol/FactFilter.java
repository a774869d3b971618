package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Set;

/**
 * One entry of a filter's {@code fact} list: {@code {"fact":"os","operator":"==","value":"linux"}}.
 *
 * @param fact the fact name, non-empty
 * @param operator one of {@code >= <= < > != == =~}
 * @param value the value to compare with, non-empty
 */
@JsonPropertyOrder({"fact", "operator", "value"})
public record FactFilter(String fact, String operator, String value) {

  /** The operators the request schema allows. */
  public static final Set<String> OPERATORS = Set.of(">=", "<=", "<", ">", "!=", "==", "=~");

  /** Applies the request schema's rules. */
  public FactFilter {
    Checks.nonEmpty(fact, "envelope.filter.fact[].fact");
    Checks.present(operator, "envelope.filter.fact[].operator");
    if (!OPERATORS.contains(operator)) {
      throw new ProtocolException(
          "envelope.filter.fact[].operator must be one of >= <= < > != == =~, got "
              + Checks.quote(operator));
    }
    Checks.nonEmpty(value, "envelope.filter.fact[].value");
  }
}
