package io.fleetwright.fleet.internal;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where a node's {@code gencsr} gets its RSA key pair: a fresh one per call, as a real server, or
 * one of a small pool made before the fleet starts. The pool is a benchmark affordance: a real node
 * makes its key on its own CPU, while an emulated fleet shares the provisioner's, so on a small
 * machine key generation, not provisioning, would set the pace. The CSR is still per node, with the
 * node's CN, and the private key never leaves the emulator.
 */
public sealed interface RsaKeys {
  /** A fresh RSA-2048 key pair per {@code gencsr}. */
  RsaKeys FRESH = new Fresh();

  /** Returns the key pair for the next {@code gencsr} of the node with this 1-based index. */
  KeyPair keyFor(int index);

  /**
   * Returns a pool of {@code size} pairs; node {@code i} uses pair {@code i % size}. The pairs are
   * made once per process and shared by every pooled fleet in it, so a benchmark that starts many
   * small fleets pays for them once.
   */
  static RsaKeys pool(int size) {
    return new Pool(Made.first(size));
  }

  /** Makes a new pair on every call. */
  record Fresh() implements RsaKeys {
    @Override
    public KeyPair keyFor(int index) {
      return CsrMaker.newKeyPair();
    }
  }

  /** Hands out pairs made in advance. */
  record Pool(List<KeyPair> pairs) implements RsaKeys {
    /** Copies the list; it must not be empty. */
    public Pool {
      pairs = List.copyOf(pairs);
      if (pairs.isEmpty()) {
        throw new IllegalArgumentException("an RSA key pool needs at least one pair");
      }
    }

    @Override
    public KeyPair keyFor(int index) {
      return pairs.get(Math.floorMod(index, pairs.size()));
    }
  }

  /** The pairs made so far for pools, shared by every pool of the process. */
  final class Made {
    private static final List<KeyPair> PAIRS = new ArrayList<>();

    private Made() {}

    static synchronized List<KeyPair> first(int size) {
      if (PAIRS.size() < size) {
        PAIRS.addAll(
            IntStream.range(PAIRS.size(), size)
                .parallel()
                .mapToObj(i -> CsrMaker.newKeyPair())
                .toList());
      }
      return List.copyOf(PAIRS.subList(0, size));
    }
  }
}
