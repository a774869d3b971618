package io.fleetwright.helpers.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An in-memory output stream that keeps either the first or the last {@code capacity} bytes and
 * never throws: past the cap it drops bytes and remembers that it did. Guest languages mishandle
 * write errors (JavaScript ignores them, GraalPy crashes on close), so silent truncation is the
 * only safe cap. Thread-safe.
 */
public final class BoundedBuffer extends OutputStream {
  private final byte[] data;
  private final boolean keepTail;
  private int size;
  private int start;
  private long total;

  private BoundedBuffer(int capacity, boolean keepTail) {
    this.data = new byte[capacity];
    this.keepTail = keepTail;
  }

  /**
   * A buffer that keeps the first {@code capacity} bytes.
   *
   * @param capacity the cap in bytes
   * @return the buffer
   */
  public static BoundedBuffer head(int capacity) {
    return new BoundedBuffer(capacity, false);
  }

  /**
   * A buffer that keeps the last {@code capacity} bytes.
   *
   * @param capacity the cap in bytes
   * @return the buffer
   */
  public static BoundedBuffer tail(int capacity) {
    return new BoundedBuffer(capacity, true);
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    total += len;
    for (int i = 0; i < len; i++) {
      if (size < data.length) {
        data[(start + size) % data.length] = b[off + i];
        size++;
      } else if (keepTail) {
        data[start] = b[off + i];
        start = (start + 1) % data.length;
      } else {
        return;
      }
    }
  }

  /**
   * Whether more bytes were written than kept.
   *
   * @return true once the cap was exceeded
   */
  public synchronized boolean overflowed() {
    return total > data.length;
  }

  /**
   * The number of bytes written so far, kept or not.
   *
   * @return the total
   */
  public synchronized long total() {
    return total;
  }

  /**
   * The kept bytes, in order.
   *
   * @return a copy
   */
  public synchronized byte[] bytes() {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = data[(start + i) % data.length];
    }
    return out;
  }

  /**
   * The kept bytes decoded leniently as UTF-8 (for messages and logs).
   *
   * @return the text
   */
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** Forgets everything written so far. */
  public synchronized void reset() {
    Arrays.fill(data, 0, Math.min(size, data.length), (byte) 0);
    size = 0;
    start = 0;
    total = 0;
  }
}
