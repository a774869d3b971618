package io.fleetwright.protocol;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The worked example of WIRE.md §2.7, copied verbatim, and builders of the same values. */
final class WireExamples {

  static final String CLIENT = "provisioner.lab.local";
  static final String CALLER = "choria=provisioner.lab.local";
  static final String CALLER_MD5 = "590e5db785697467c32f9797eeba6bab";
  static final String NODE = "node1.lab.local";
  static final String NATS = "nats://127.0.0.1:4222";
  static final String INVENTORY_ID = "4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f";
  static final String DISCOVERY_ID = "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b";
  static final long TIME = 1718000000L;

  static final String INVENTORY_REQUEST =
      "{\"protocol\":\"choria:request:1\",\"message\":\"{\\\"agent\\\":\\\"rpcutil\\\",\\\"action\\\":\\\"inventory\\\",\\\"data\\\":{}}\",\"envelope\":{\"requestid\":\"4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f\",\"senderid\":\"provisioner.lab.local\",\"callerid\":\"choria=provisioner.lab.local\",\"collective\":\"provisioning\",\"agent\":\"rpcutil\",\"ttl\":60,\"time\":1718000000,\"filter\":{\"fact\":[],\"cf_class\":[],\"agent\":[\"rpcutil\"],\"identity\":[],\"compound\":[]}}}";

  static final String INVENTORY_TRANSPORT =
      "{\"protocol\":\"choria:transport:1\",\"data\":\"eyJwcm90b2NvbCI6ImNob3JpYTpzZWN1cmU6cmVxdWVzdDoxIiwibWVzc2FnZSI6IntcInByb3RvY29sXCI6XCJjaG9yaWE6cmVxdWVzdDoxXCIsXCJtZXNzYWdlXCI6XCJ7XFxcImFnZW50XFxcIjpcXFwicnBjdXRpbFxcXCIsXFxcImFjdGlvblxcXCI6XFxcImludmVudG9yeVxcXCIsXFxcImRhdGFcXFwiOnt9fVwiLFwiZW52ZWxvcGVcIjp7XCJyZXF1ZXN0aWRcIjpcIjRmMWMyZDNlNWE2YjRjN2Q4ZTlmMGExYjJjM2Q0ZTVmXCIsXCJzZW5kZXJpZFwiOlwicHJvdmlzaW9uZXIubGFiLmxvY2FsXCIsXCJjYWxsZXJpZFwiOlwiY2hvcmlhPXByb3Zpc2lvbmVyLmxhYi5sb2NhbFwiLFwiY29sbGVjdGl2ZVwiOlwicHJvdmlzaW9uaW5nXCIsXCJhZ2VudFwiOlwicnBjdXRpbFwiLFwidHRsXCI6NjAsXCJ0aW1lXCI6MTcxODAwMDAwMCxcImZpbHRlclwiOntcImZhY3RcIjpbXSxcImNmX2NsYXNzXCI6W10sXCJhZ2VudFwiOltcInJwY3V0aWxcIl0sXCJpZGVudGl0eVwiOltdLFwiY29tcG91bmRcIjpbXX19fSIsInNpZ25hdHVyZSI6Imluc2VjdXJlIiwicHViY2VydCI6Imluc2VjdXJlIn0=\",\"headers\":{\"reply-to\":\"provisioning.reply.590e5db785697467c32f9797eeba6bab.4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f\",\"mc_sender\":\"provisioner.lab.local\",\"seen-by\":[[\"nats://127.0.0.1:4222\",\"provisioner.lab.local\",\"nats://127.0.0.1:4222\"]]}}";

  static final String INVENTORY_DATA =
      "eyJwcm90b2NvbCI6ImNob3JpYTpzZWN1cmU6cmVxdWVzdDoxIiwibWVzc2FnZSI6IntcInByb3RvY29sXCI6XCJjaG9yaWE6cmVxdWVzdDoxXCIsXCJtZXNzYWdlXCI6XCJ7XFxcImFnZW50XFxcIjpcXFwicnBjdXRpbFxcXCIsXFxcImFjdGlvblxcXCI6XFxcImludmVudG9yeVxcXCIsXFxcImRhdGFcXFwiOnt9fVwiLFwiZW52ZWxvcGVcIjp7XCJyZXF1ZXN0aWRcIjpcIjRmMWMyZDNlNWE2YjRjN2Q4ZTlmMGExYjJjM2Q0ZTVmXCIsXCJzZW5kZXJpZFwiOlwicHJvdmlzaW9uZXIubGFiLmxvY2FsXCIsXCJjYWxsZXJpZFwiOlwiY2hvcmlhPXByb3Zpc2lvbmVyLmxhYi5sb2NhbFwiLFwiY29sbGVjdGl2ZVwiOlwicHJvdmlzaW9uaW5nXCIsXCJhZ2VudFwiOlwicnBjdXRpbFwiLFwidHRsXCI6NjAsXCJ0aW1lXCI6MTcxODAwMDAwMCxcImZpbHRlclwiOntcImZhY3RcIjpbXSxcImNmX2NsYXNzXCI6W10sXCJhZ2VudFwiOltcInJwY3V0aWxcIl0sXCJpZGVudGl0eVwiOltdLFwiY29tcG91bmRcIjpbXX19fSIsInNpZ25hdHVyZSI6Imluc2VjdXJlIiwicHViY2VydCI6Imluc2VjdXJlIn0=";

  static final String INVENTORY_REPLY =
      "{\"protocol\":\"choria:reply:1\",\"message\":\"{\\\"action\\\":\\\"inventory\\\",\\\"statuscode\\\":0,\\\"statusmsg\\\":\\\"OK\\\",\\\"data\\\":{\\\"agents\\\":[\\\"choria_provision\\\",\\\"choria_util\\\",\\\"discovery\\\",\\\"rpcutil\\\"],\\\"classes\\\":[],\\\"collectives\\\":[\\\"provisioning\\\"],\\\"data_plugins\\\":[],\\\"facts\\\":{},\\\"machines\\\":[],\\\"main_collective\\\":\\\"provisioning\\\",\\\"version\\\":\\\"0.30.2\\\",\\\"upgradable\\\":false}}\",\"envelope\":{\"requestid\":\"4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f\",\"senderid\":\"node1.lab.local\",\"agent\":\"rpcutil\",\"time\":1718000001}}";

  static final String INVENTORY_REPLY_HASH = "OD1sqSzNEw8WcBLVJkJw7qJwjIk+bf738KbWEK+0TI4=";

  static final String DISCOVERY_REQUEST =
      "{\"protocol\":\"choria:request:1\",\"message\":\"cGluZw==\",\"envelope\":{\"requestid\":\"9a8b7c6d5e4f40312a1b0c9d8e7f6a5b\",\"senderid\":\"provisioner.lab.local\",\"callerid\":\"choria=provisioner.lab.local\",\"collective\":\"provisioning\",\"agent\":\"discovery\",\"ttl\":60,\"time\":1718000000,\"filter\":{\"fact\":[],\"cf_class\":[],\"agent\":[\"choria_provision\"],\"identity\":[],\"compound\":[]}}}";

  static final String PONG_HASH = "gNKUAEUheUWuoV4u93OGTtT1BKUhm5yG+f5whsB8TYc=";

  private WireExamples() {}

  static RequestEnvelope inventoryEnvelope() {
    return new RequestEnvelope(
        INVENTORY_ID, CLIENT, CALLER, "provisioning", "rpcutil", 60, TIME, Filter.agent("rpcutil"));
  }

  static Request inventoryRequest(ChoriaCodec codec) {
    return Request.of(
        codec.rpcRequestJson(RpcRequest.of("rpcutil", "inventory")), inventoryEnvelope());
  }

  static TransportHeaders inventoryHeaders() {
    return TransportHeaders.request(Subjects.reply("provisioning", CALLER, INVENTORY_ID), CLIENT)
        .withHop(NATS, CLIENT, NATS);
  }

  static Map<String, Object> inventoryData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("agents", List.of("choria_provision", "choria_util", "discovery", "rpcutil"));
    data.put("classes", List.of());
    data.put("collectives", List.of("provisioning"));
    data.put("data_plugins", List.of());
    data.put("facts", Map.of());
    data.put("machines", List.of());
    data.put("main_collective", "provisioning");
    data.put("version", "0.30.2");
    data.put("upgradable", false);
    return data;
  }

  static Reply inventoryReply(ChoriaCodec codec) {
    return Reply.of(
        codec.rpcReplyJson(RpcReply.ok("inventory", inventoryData())),
        new ReplyEnvelope(INVENTORY_ID, NODE, "rpcutil", TIME + 1));
  }

  static Request discoveryRequest() {
    return Request.of(
        "cGluZw==",
        new RequestEnvelope(
            DISCOVERY_ID,
            CLIENT,
            CALLER,
            "provisioning",
            "discovery",
            60,
            TIME,
            Filter.agent("choria_provision")));
  }

  static Reply pongReply() {
    return Reply.of("pong", new ReplyEnvelope(DISCOVERY_ID, NODE, "discovery", TIME));
  }

  static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }
}
