package io.fleetwright.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Calls a function on many items with a bounded number in flight, on virtual threads: how the demo
 * and the bench read thousands of node histories back from a Temporal server without flooding it.
 */
public final class ParallelCalls {
  private ParallelCalls() {}

  /**
   * Applies {@code call} to every item, at most {@code parallel} at a time.
   *
   * @return the results in the items' order; null results are kept
   * @throws RuntimeException the first failed call's exception, in the items' order
   */
  public static <T, R> List<R> map(Collection<T> items, int parallel, Function<T, R> call)
      throws InterruptedException {
    Semaphore permits = new Semaphore(parallel);
    List<Future<R>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        permits.acquire();
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return call.apply(item);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new IllegalStateException(e.getCause());
        }
      }
      return results;
    }
  }
}
