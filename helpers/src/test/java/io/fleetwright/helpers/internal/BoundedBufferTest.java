package io.fleetwright.helpers.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedBufferTest {

  @Test
  void aHeadBufferKeepsTheFirstBytesAndSaysItOverflowed() {
    BoundedBuffer head = BoundedBuffer.head(5);
    head.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
    assertFalse(head.overflowed());
    head.write("defgh".getBytes(StandardCharsets.UTF_8), 0, 5);
    assertEquals("abcde", head.text());
    assertTrue(head.overflowed());
    assertEquals(8, head.total());
  }

  @Test
  void aTailBufferKeepsTheLastBytes() {
    BoundedBuffer tail = BoundedBuffer.tail(4);
    tail.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
    tail.write("defgh".getBytes(StandardCharsets.UTF_8), 0, 5);
    assertEquals("efgh", tail.text());
    tail.write('i');
    assertEquals("fghi", tail.text());
    tail.write("0123456789".getBytes(StandardCharsets.UTF_8), 2, 6);
    assertEquals("4567", tail.text());
  }

  @Test
  void anyMixOfWritesKeepsWhatAByteByByteBufferWould() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      int capacity = random.nextInt(10_000);
      boolean keepTail = random.nextBoolean();
      BoundedBuffer buffer = keepTail ? BoundedBuffer.tail(capacity) : BoundedBuffer.head(capacity);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      int writes = random.nextInt(20);
      for (int w = 0; w < writes; w++) {
        byte[] chunk = new byte[random.nextInt(capacity / 2 + 100)];
        random.nextBytes(chunk);
        int off = chunk.length == 0 ? 0 : random.nextInt(chunk.length);
        int len = chunk.length - off;
        buffer.write(chunk, off, len);
        all.write(chunk, off, len);
      }
      byte[] written = all.toByteArray();
      byte[] expected =
          keepTail
              ? Arrays.copyOfRange(written, Math.max(0, written.length - capacity), written.length)
              : Arrays.copyOf(written, Math.min(capacity, written.length));
      String where = "round " + round + ", capacity " + capacity + ", tail " + keepTail;
      assertArrayEquals(expected, buffer.bytes(), where);
      assertEquals(written.length > capacity, buffer.overflowed(), where);
      assertEquals(written.length, buffer.total(), where);
    }
  }

  @Test
  void resetForgetsEverything() {
    BoundedBuffer tail = BoundedBuffer.tail(3);
    tail.write("abcdef".getBytes(StandardCharsets.UTF_8), 0, 6);
    tail.reset();
    assertEquals("", tail.text());
    assertFalse(tail.overflowed());
    tail.write("xy".getBytes(StandardCharsets.UTF_8), 0, 2);
    assertEquals("xy", tail.text());
  }

  @Test
  void aZeroCapacityKeepsNothing() {
    BoundedBuffer none = BoundedBuffer.tail(0);
    none.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
    assertEquals(0, none.bytes().length);
    assertTrue(none.overflowed());
  }
}
