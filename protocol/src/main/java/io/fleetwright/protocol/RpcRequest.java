package io.fleetwright.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MCollective RPC request body carried as the request layer's {@code message}.
 *
 * @param agent the agent name
 * @param action the action name
 * @param data the action inputs; null becomes {@code {}}. Keys are kept sorted, as Go's client
 *     marshals a map; null values are kept
 */
@JsonPropertyOrder({"agent", "action", "data"})
public record RpcRequest(String agent, String action, Map<String, Object> data) {

  /** Validates names and copies the inputs. */
  public RpcRequest {
    Checks.nonEmpty(agent, "rpc.agent");
    Checks.nonEmpty(action, "rpc.action");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(data));
  }

  /**
   * A request with no inputs.
   *
   * @param agent the agent
   * @param action the action
   * @return the request
   */
  public static RpcRequest of(String agent, String action) {
    return new RpcRequest(agent, action, Map.of());
  }
}
