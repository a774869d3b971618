package io.fleetwright.workflows;

import io.fleetwright.testing.Await;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mockito.stubbing.Answer;

/** Holds a mocked activity inside its call until the test opens the gate. */
final class Gate implements AutoCloseable {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  /** Returns an answer that waits at the gate, then returns {@code value}. */
  <T> Answer<T> holding(T value) {
    return invocation -> {
      entered.countDown();
      open.await(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
      return value;
    };
  }

  void awaitEntered(String what) {
    Await.latch(what, entered);
  }

  /** Lets the held call return. */
  void open() {
    open.countDown();
  }

  @Override
  public void close() {
    open();
  }
}
