package io.fleetwright.helpers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.api.HelperInput;
import io.fleetwright.helpers.HelperException;
import io.fleetwright.helpers.HelperResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a helper's JSON text into a {@link HelperResponse}, checking it the same way for every
 * runtime: JSON types as the Go provisioner decodes them (a non-string {@code configuration} value
 * fails its whole decode), plus the rules that keep a node from looping. Unknown keys are ignored.
 */
public final class ResponseValidator {
  private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {};

  private ResponseValidator() {}

  /**
   * Parses and validates a reply.
   *
   * @param helper the helper's name for messages
   * @param json the reply text
   * @param request the request the reply answers (for the {@code sign_csr} check)
   * @return the validated reply
   * @throws HelperException of kind INVALID_OUTPUT naming the fields and the fixes
   */
  public static HelperResponse parse(String helper, String json, HelperInput request) {
    if (json.isBlank()) {
      throw invalid(helper, "its output is empty; it must print one JSON object");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid(
          helper,
          "its output is not one JSON document ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "); output tail: "
              + Text.tail(json, 300));
    }
    if (root == null || !root.isObject()) {
      throw invalid(
          helper, "its output must be a JSON object, got " + describe(root == null ? null : root));
    }
    List<String> problems = new ArrayList<>();
    Fields f = new Fields(root, problems);
    HelperResponse response =
        new HelperResponse(
            f.bool("defer"),
            f.string("msg"),
            f.string("certificate"),
            f.string("ca"),
            f.string("ssldir"),
            f.string("key"),
            f.stringMap("configuration"),
            f.stringMap("action_policies"),
            f.stringMap("opa_policies"),
            f.claims("server_claims"),
            f.string("upgrade"),
            f.bool("shutdown"),
            f.bool("sign_csr"),
            f.approval("approval"));
    if (problems.isEmpty()) {
      checkRules(response, request, problems);
    }
    if (!problems.isEmpty()) {
      throw invalid(
          helper, "its output breaks the helper contract: " + String.join("; ", problems));
    }
    return response;
  }

  private static void checkRules(HelperResponse r, HelperInput request, List<String> problems) {
    if (r.defer() && r.shutdown()) {
      problems.add("it sets both \"defer\" and \"shutdown\" to true; return only one of them");
      return;
    }
    if (r.approval() != null && (r.defer() || r.shutdown())) {
      problems.add(
          "it sets \"approval\" together with \""
              + (r.defer() ? "defer" : "shutdown")
              + "\": true; approval holds a reply that configures the node, so return either"
              + " {\"approval\": {\"reason\": \"...\"}, \"configuration\": {...}} or the "
              + (r.defer() ? "defer" : "shutdown")
              + " alone");
      return;
    }
    if (r.defer() || r.shutdown()) {
      return;
    }
    String provision = r.configuration().get(HelperResponse.PROVISION_KEY);
    if (!"false".equals(provision)) {
      problems.add(
          "\"configuration\" must set \""
              + HelperResponse.PROVISION_KEY
              + "\": \"false\" (found "
              + (provision == null ? "no such key" : "\"" + provision + "\"")
              + "); without it the node enters provisioning mode again after its restart and"
              + " loops forever. Add it, or return {\"defer\": true, \"msg\": \"...\"} to retry"
              + " later");
    }
    if (r.signCsr() && !r.certificate().isEmpty()) {
      problems.add(
          "it sets both \"sign_csr\" and \"certificate\"; either let the built-in CA sign the CSR"
              + " (sign_csr: true) or return your own certificate, not both");
    }
    if (r.signCsr() && request.csr() == null) {
      problems.add(
          "it sets \"sign_csr\": true but node "
              + request.identity()
              + " sent no CSR (is features.pki on?); only set sign_csr when the input has a csr");
    }
  }

  static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case STRING -> "string \"" + Text.preview(node.asText(), 40) + "\"";
      case NUMBER -> "number " + node.asText();
      case BOOLEAN -> "boolean " + node.asText();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static HelperException invalid(String helper, String problem) {
    return new HelperException(
        HelperException.Kind.INVALID_OUTPUT, "helper " + helper + " failed: " + problem);
  }

  /** Reads typed fields from the reply object, collecting one problem per bad field. */
  private record Fields(JsonNode root, List<String> problems) {
    boolean bool(String name) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        problems.add("\"" + name + "\" must be true or false, got " + describe(v));
        return false;
      }
      return v.booleanValue();
    }

    String string(String name) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return "";
      }
      if (!v.isTextual()) {
        problems.add("\"" + name + "\" must be a string, got " + describe(v));
        return "";
      }
      return v.textValue();
    }

    Map<String, String> stringMap(String name) {
      JsonNode v = root.get(name);
      Map<String, String> out = new LinkedHashMap<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isObject()) {
        problems.add("\"" + name + "\" must be an object of strings, got " + describe(v));
        return out;
      }
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        JsonNode value = e.getValue();
        if (value.isTextual()) {
          out.put(e.getKey(), value.textValue());
        } else {
          problems.add(badValue(name, e.getKey(), value));
        }
      }
      return out;
    }

    /** Our extension {@code "approval": {"reason": "..."}}; null when absent. */
    HelperResponse.@Nullable Approval approval(String name) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      String example = "; e.g. \"approval\": {\"reason\": \"new rack, check the cabling\"}";
      if (!v.isObject()) {
        problems.add("\"" + name + "\" must be an object, got " + describe(v) + example);
        return null;
      }
      JsonNode reason = v.get("reason");
      if (reason == null || !reason.isTextual() || reason.textValue().isBlank()) {
        problems.add(
            "\""
                + name
                + "\".\"reason\" must be a non-empty string telling the operator what to check,"
                + " got "
                + (reason == null ? "no such key" : describe(reason))
                + example);
        return null;
      }
      return new HelperResponse.Approval(reason.textValue());
    }

    Map<String, Object> claims(String name) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return Map.of();
      }
      if (!v.isObject()) {
        problems.add("\"" + name + "\" must be an object, got " + describe(v));
        return Map.of();
      }
      return Json.MAPPER.convertValue(v, CLAIMS);
    }

    private static String badValue(String map, String key, JsonNode value) {
      String hint =
          value.isValueNode() && !value.isNull()
              ? "; quote it: \"" + key + "\": \"" + Text.preview(value.asText(), 40) + "\""
              : "; give it as a string";
      String why =
          map.equals("configuration")
              ? " (the Go provisioner rejects the whole reply when any configuration value is not"
                  + " a string)"
              : "";
      return name(map, key) + " must be a string, got " + describe(value) + why + hint;
    }

    private static String name(String map, String key) {
      return "\"" + map + "\".\"" + key + "\"";
    }
  }
}
