package io.fleetwright.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A loopback UDP DNS server that answers SRV questions from a table, for resolver tests. */
public final class TinyDnsServer implements AutoCloseable {
  /** One SRV answer. */
  public record Srv(int priority, int weight, int port, String target) {}

  private final DatagramSocket socket;
  private final Map<String, List<Srv>> records;
  private final Thread thread;

  public TinyDnsServer(Map<String, List<Srv>> records) throws IOException {
    this.records = Map.copyOf(records);
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.thread = Thread.ofPlatform().daemon().name("tiny-dns").start(this::serve);
  }

  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(packet);
        byte[] answer = answer(buf, packet.getLength());
        socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private byte[] answer(byte[] query, int length) {
    int at = 12;
    StringBuilder name = new StringBuilder();
    while (query[at] != 0) {
      int n = query[at];
      if (!name.isEmpty()) {
        name.append('.');
      }
      name.append(new String(query, at + 1, n, StandardCharsets.US_ASCII));
      at += n + 1;
    }
    int questionEnd = at + 5;
    List<Srv> srv = records.get(name.toString().toLowerCase());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(query[0]);
    out.write(query[1]);
    out.write(0x84);
    out.write(srv == null ? 0x03 : 0x00);
    short16(out, 1);
    short16(out, srv == null ? 0 : srv.size());
    short16(out, 0);
    short16(out, 0);
    out.write(query, 12, questionEnd - 12);
    if (srv != null) {
      for (Srv r : srv) {
        byte[] target = labels(r.target());
        short16(out, 0xC00C);
        short16(out, 33);
        short16(out, 1);
        short16(out, 0);
        short16(out, 60);
        short16(out, 6 + target.length);
        short16(out, r.priority());
        short16(out, r.weight());
        short16(out, r.port());
        out.writeBytes(target);
      }
    }
    return out.toByteArray();
  }

  private static byte[] labels(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    out.write(0);
    return out.toByteArray();
  }

  private static void short16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xff);
    out.write(v & 0xff);
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
