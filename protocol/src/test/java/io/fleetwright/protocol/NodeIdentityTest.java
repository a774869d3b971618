package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.protocol.internal.Json;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Node identities, subject builders and request ids. */
class NodeIdentityTest {

  @ParameterizedTest
  @ValueSource(strings = {"node1.lab.local", "n1", "web-01_a.example.com", "x.y"})
  void acceptsOrdinaryIdentities(String identity) {
    assertEquals(identity, NodeIdentity.of(identity).value());
    assertEquals(identity, NodeIdentity.of(identity).toString());
    assertTrue(NodeIdentity.isValid(identity));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "node*.lab|contains the NATS wildcard '*'",
        "node>|contains the NATS wildcard '>'",
        "node 1|contains whitespace at position 4",
        "node\t1|contains whitespace at position 4",
        ".node1|has an empty token",
        "node1.|has an empty token",
        "node1..lab|has an empty token",
        "node\u00011|contains a non-printable character at position 4"
      })
  void rejectsAnIdentityThatBreaksSubjects(String identity, String rule) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> NodeIdentity.of(identity));
    assertTrue(
        e.getMessage().startsWith("identity \"" + identity + "\" " + rule),
        "message should name the identity and rule: " + e.getMessage());
    assertFalse(NodeIdentity.isValid(identity));
  }

  @Test
  void travelsAsItsPlainString() throws Exception {
    NodeIdentity identity = NodeIdentity.of("node1.lab.local");
    String json = Json.mapper().writeValueAsString(identity);

    assertEquals("\"node1.lab.local\"", json);
    assertEquals(identity, Json.mapper().readValue(json, NodeIdentity.class));
    assertThrows(Exception.class, () -> Json.mapper().readValue("\"node*\"", NodeIdentity.class));
  }

  @Test
  void rejectsAnEmptyOrNullIdentity() {
    assertEquals(
        "identity must not be empty",
        assertThrows(ProtocolException.class, () -> NodeIdentity.of("")).getMessage());
    assertThrows(ProtocolException.class, () -> NodeIdentity.of(null));
  }

  @Test
  void rejectsAnOverlongIdentity() {
    String identity = "a".repeat(254);
    ProtocolException e = assertThrows(ProtocolException.class, () -> NodeIdentity.of(identity));
    assertTrue(e.getMessage().contains("is longer than 253 characters"), e.getMessage());
    assertEquals(253, NodeIdentity.of("a".repeat(253)).value().length());
  }

  @Test
  void buildsTheNodeAndBroadcastSubjects() {
    assertEquals(
        "provisioning.node.node1.lab.local", Subjects.node("provisioning", "node1.lab.local"));
    assertEquals(
        "provisioning.broadcast.agent.choria_provision",
        Subjects.broadcastAgent("provisioning", "choria_provision"));
    assertEquals(
        "provisioning.reply.590e5db785697467c32f9797eeba6bab.>",
        Subjects.replyWildcard("provisioning", "choria=provisioner.lab.local"));
    assertEquals(
        "choria.lifecycle.event.startup.provision_mode_server",
        Subjects.lifecycle("startup", "provision_mode_server"));
    assertEquals("provisioning.registration.data", Subjects.REGISTRATION);
  }

  @Test
  void refusesToBuildASubjectFromAnInvalidIdentity() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Subjects.node("provisioning", "a b"));
    assertTrue(e.getMessage().startsWith("identity \"a b\" contains whitespace"), e.getMessage());
    assertThrows(ProtocolException.class, () -> Subjects.node("provisioning", "*"));
    assertThrows(ProtocolException.class, () -> Subjects.node("provisioning", ">"));
    assertThrows(ProtocolException.class, () -> Subjects.node("provisioning", ""));
  }

  @Test
  void refusesADottedAgentCollectiveOrLifecycleComponent() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Subjects.broadcastAgent("provisioning", "a.b"));
    assertTrue(e.getMessage().startsWith("agent \"a.b\" contains a dot"), e.getMessage());
    assertThrows(ProtocolException.class, () -> Subjects.node("prov.isioning", "n1"));
    assertThrows(ProtocolException.class, () -> Subjects.lifecycle("startup", "x.y"));
    assertThrows(ProtocolException.class, () -> Subjects.lifecycle("*", "x"));
  }

  @Test
  void makesUniqueLowercaseHexRequestIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = RequestIds.next();
      assertTrue(RequestIds.isWellFormed(id), id);
      ids.add(id);
    }
    assertEquals(1000, ids.size());
    assertFalse(RequestIds.isWellFormed("4F1C2D3E5A6B4C7D8E9F0A1B2C3D4E5F"));
    assertFalse(RequestIds.isWellFormed("4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5"));
  }
}
