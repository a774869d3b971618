package io.fleetwright.fleet.internal;

import io.fleetwright.protocol.InvalidDataException;
import io.fleetwright.protocol.RpcData;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of an RPC request's data with Go's decoding rules ({@link RpcData}): a missing or
 * null key is the zero value, a value of the wrong JSON type fails the whole request with status 4
 * and the real agent's message.
 */
final class RequestData {
  /** A value of the wrong type; the message names the action and the field. */
  static final class InvalidData extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidData(String message) {
      super(message);
    }
  }

  private final ActionCall call;

  RequestData(ActionCall call) {
    this.call = call;
  }

  /** Reads the whole input with one of the protocol's typed readers, such as a request's from. */
  <T> T read(Function<Map<String, Object>, T> reader) throws InvalidData {
    try {
      return reader.apply(call.data());
    } catch (InvalidDataException e) {
      throw invalid(e);
    }
  }

  String string(String key) throws InvalidData {
    return read(data -> RpcData.string(data, key));
  }

  int integer(String key) throws InvalidData {
    return read(data -> RpcData.integer(data, key));
  }

  /** A boolean input; empty when absent or null. */
  Optional<Boolean> flag(String key) throws InvalidData {
    return read(data -> RpcData.flag(data, key));
  }

  /** The raw value of an input, or null. */
  Object raw(String key) {
    return call.data().get(key);
  }

  Map<String, String> stringMap(String key) throws InvalidData {
    return read(data -> RpcData.stringMap(data, key));
  }

  private InvalidData invalid(InvalidDataException e) {
    return new InvalidData(
        "Could not parse request data for "
            + call.agent()
            + "#"
            + call.action()
            + ": "
            + e.getMessage());
  }
}
