package io.fleetwright.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelCallsTest {

  @Test
  void resultsComeInTheItemsOrderWithNoMoreThanTheLimitInFlight() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 200).boxed().toList();
    CyclicBarrier together = new CyclicBarrier(4);

    List<Integer> doubled =
        ParallelCalls.map(
            items,
            4,
            i -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                // Four calls meet here each round: the limit is reached, never passed.
                together.await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("4 calls did not run together", e);
              }
              inFlight.decrementAndGet();
              return i % 7 == 0 ? null : i * 2;
            });

    assertEquals(items.size(), doubled.size());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(i % 7 == 0 ? null : i * 2, doubled.get(i), "item " + i);
    }
    assertTrue(most.get() <= 4, "at most 4 in flight, saw " + most.get());
  }

  @Test
  void aFailedCallIsRethrown() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                ParallelCalls.map(
                    List.of(1, 2, 3),
                    2,
                    i -> {
                      if (i == 2) {
                        throw boom;
                      }
                      return i;
                    }));
    assertSame(boom, thrown);
  }
}
