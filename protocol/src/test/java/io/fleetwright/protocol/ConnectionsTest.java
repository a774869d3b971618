package io.fleetwright.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

  @Test
  void aBusyWriteQueueIsAProtocolFailureThatNamesTheSubjectAndTheCause() {
    Connection busy = connection(new IllegalStateException("Output queue is busy 0"), List.of());

    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> Connections.publish(busy, "choria.broadcast.agent.discovery", new byte[1]));

    assertTrue(e.getMessage().startsWith("could not publish to choria.broadcast.agent.discovery:"));
    assertTrue(
        e.getMessage().contains("(Output queue is busy 0); nothing was sent"), e.getMessage());
    assertTrue(e.getMessage().contains("starved of CPU for over 10 s"), e.getMessage());
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void anAcceptedMessageIsPublishedOnce() {
    List<String> sent = new ArrayList<>();
    Connections.publish(connection(null, sent), "a.b", new byte[] {1, 2});
    assertEquals(List.of("a.b:2"), sent);
  }

  private static Connection connection(RuntimeException refusal, List<String> sent) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("publish") || args.length != 2) {
                throw new UnsupportedOperationException(method.getName());
              }
              if (refusal != null) {
                throw refusal;
              }
              sent.add(args[0] + ":" + ((byte[]) args[1]).length);
              return null;
            });
  }
}
