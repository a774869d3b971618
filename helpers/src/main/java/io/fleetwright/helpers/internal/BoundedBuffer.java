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
  /** The first allocation: a helper's reply is one small JSON object. */
  private static final int INITIAL = 4096;

  private final int capacity;
  private final boolean keepTail;
  private byte[] data;
  private int size;
  private int start;
  private long total;

  private BoundedBuffer(int capacity, boolean keepTail) {
    this.capacity = Math.max(0, capacity);
    this.keepTail = keepTail;
    this.data = new byte[Math.min(this.capacity, INITIAL)];
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

  /**
   * Keeps what fits. The array grows as bytes come, up to the cap, so a small reply costs a small
   * buffer (a 1 MiB cap used to be allocated and zeroed on every helper call). Until the cap is
   * reached the bytes sit in order from index 0; a tail buffer then wraps around.
   */
  @Override
  public synchronized void write(byte[] b, int off, int len) {
    total += len;
    int fill = Math.min(capacity - size, len);
    if (fill > 0) {
      grow(size + fill);
      System.arraycopy(b, off, data, size, fill);
      size += fill;
      off += fill;
      len -= fill;
    }
    if (!keepTail || len == 0 || capacity == 0) {
      return;
    }
    if (len >= capacity) {
      System.arraycopy(b, off + len - capacity, data, 0, capacity);
      start = 0;
      return;
    }
    while (len > 0) {
      int n = Math.min(len, capacity - start);
      System.arraycopy(b, off, data, start, n);
      start = (start + n) % capacity;
      off += n;
      len -= n;
    }
  }

  private void grow(int needed) {
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.min(capacity, Math.max(needed, data.length * 2)));
    }
  }

  /**
   * Whether more bytes were written than kept.
   *
   * @return true once the cap was exceeded
   */
  public synchronized boolean overflowed() {
    return total > capacity;
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
    int first = size - start;
    System.arraycopy(data, start, out, 0, first);
    System.arraycopy(data, 0, out, first, start);
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
    Arrays.fill(data, 0, size, (byte) 0);
    size = 0;
    start = 0;
    total = 0;
  }
}
