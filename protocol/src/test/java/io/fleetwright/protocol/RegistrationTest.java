package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwright.protocol.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The file_content registration payload of WIRE.md §1.4. */
class RegistrationTest {

  private final ChoriaCodec codec = new ChoriaCodec();
  private final byte[] file = "{\"lab\":true}\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void encodesARegistrationPublishAsAGoServerDoes() throws Exception {
    RegistrationData data =
        RegistrationData.of(
            "node1.lab.local", "/lab/etc/registration.json", 1718000000L, false, file);

    DecodedRequest request =
        codec.decodeRequest(
            codec.encodeRegistration(data, "choria=node1.lab.local", Instant.now()));

    assertEquals("registration", request.envelope().agent());
    assertEquals("provisioning", request.envelope().collective());
    assertEquals(60, request.envelope().ttl());
    assertTrue(request.envelope().filter().matchesEverything());
    assertEquals("dev.null", request.replyTo().orElseThrow());
    JsonNode body = Json.mapper().readTree(request.payload());
    assertEquals(
        "[mtime, file, updated, protocol, zcontent]",
        iterableToString(body.fieldNames()),
        "Go's field order");
    assertEquals("choria:registration:filecontent:1", body.get("protocol").textValue());
  }

  @Test
  void decodesZcontentBackToTheFileBytes() {
    RegistrationData data = RegistrationData.of("node1.lab.local", "/r.json", 1L, true, file);

    RegistrationData back =
        codec.decodeRegistration(
            Subjects.REGISTRATION, codec.encodeRegistration(data, "choria=x", Instant.now()));

    assertEquals(data, back);
    assertArrayEquals(file, back.fileContent());
    assertNull(back.content());
  }

  @Test
  void decodesPlainContentWhenCompressionIsOff() {
    String content = Base64.getEncoder().encodeToString(file);
    RegistrationData data = new RegistrationData("n1", 5L, "/r.json", false, null, content);

    RegistrationData back =
        codec.decodeRegistration(
            Subjects.REGISTRATION, codec.encodeRegistration(data, "choria=x", Instant.now()));

    assertArrayEquals(file, back.fileContent());
  }

  @Test
  void reportsZcontentThatIsNotGzipNamingTheNodeAndField() {
    String notGzip = Base64.getEncoder().encodeToString(file);
    RegistrationData data = new RegistrationData("n1", 5L, "/r.json", false, notGzip, null);

    ProtocolException e = assertThrows(ProtocolException.class, data::fileContent);
    assertTrue(
        e.getMessage().startsWith("registration from n1: zcontent does not decode"),
        e.getMessage());
  }

  @Test
  void rejectsARegistrationWithoutContent() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> new RegistrationData("n1", 5L, "/r", false, null, ""));
    assertTrue(e.getMessage().contains("zcontent or content must be present"), e.getMessage());
  }

  @Test
  void rejectsARequestForAnotherAgentOnTheRegistrationSubject() {
    byte[] wire =
        codec.encodeRequest(WireExamples.inventoryRequest(codec), WireExamples.inventoryHeaders());

    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> codec.decodeRegistration(Subjects.REGISTRATION, wire));
    assertTrue(
        e.getMessage()
            .startsWith(
                "registration on provisioning.registration.data: envelope.agent must be"
                    + " \"registration\""),
        e.getMessage());
  }

  private static String iterableToString(java.util.Iterator<String> names) {
    java.util.List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list.toString();
  }
}
