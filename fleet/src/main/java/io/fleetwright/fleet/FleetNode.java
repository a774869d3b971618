package io.fleetwright.fleet;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read access to one emulated node, for tests and tools, plus its fault switches. Everything here
 * is a snapshot; the node keeps changing as requests arrive.
 */
public interface FleetNode {

  /** Returns the 1-based index the identity and facts were derived from. */
  int index();

  /** Returns the node identity (its certname). */
  String identity();

  /** Returns the node's facts, keys sorted. */
  Map<String, Object> facts();

  /** Returns where the node is in its life. */
  NodeMode mode();

  /**
   * Returns the collectives it currently listens in ({@code [provisioning]} while provisioning).
   */
  List<String> collectives();

  /** Returns the settings stored by the last successful {@code configure}, or an empty map. */
  Map<String, String> configuration();

  /** Returns the certificate PEM stored by {@code configure}. */
  Optional<String> certificate();

  /** Returns the CA PEM stored by {@code configure}. */
  Optional<String> ca();

  /** Returns the SSL directory named by {@code configure}. */
  Optional<String> ssldir();

  /** Returns the server JWT stored by {@code configure} (cleared again by {@code gen25519}). */
  Optional<String> serverJwt();

  /** Returns the action policies stored by {@code configure}, file name to text. */
  Map<String, String> actionPolicies();

  /** Returns the Open Policy Agent policies stored by {@code configure}, file name to text. */
  Map<String, String> opaPolicies();

  /** Returns the RSA private key PEM delivered ECDH-encrypted by {@code configure}, decrypted. */
  Optional<String> deliveredKey();

  /** Returns the public half of the RSA key made by the last {@code gencsr}. */
  Optional<PublicKey> csrPublicKey();

  /** Returns the hex ed25519 public key made by the last {@code gen25519}. */
  Optional<String> ed25519PublicKey();

  /**
   * Returns true if any reply this node published contained one of its private keys (RSA, ed25519
   * seed or X25519). It must stay false.
   */
  boolean privateKeyLeaked();

  /**
   * Returns how many {@code configure} calls succeeded, that is wrote a configuration; more than
   * one means the node was configured twice, even with the same settings.
   */
  int configureCount();

  /**
   * Returns the settings of every successful {@code configure}, oldest first, so tests can tell a
   * harmless repeat (same settings) from a node configured twice with different settings.
   */
  List<Map<String, String>> configureHistory();

  /**
   * Returns how many {@code restart} calls this node accepted (answered "Restarting ..."), whether
   * or not one was already pending; more than one means it was told to restart twice.
   */
  int restartCount();

  /** Returns how many {@code shutdown} calls this node accepted. */
  int shutdownCount();

  /**
   * Returns the version the running process reports in inventory and startup events: the fleet's
   * version until a {@code release_update} and the restart after it.
   */
  String version();

  /** Returns how many {@code release_update} calls installed a release. */
  int releaseUpdateCount();

  /**
   * Returns the version each successful {@code release_update} asked for, oldest first, so tests
   * can tell one upgrade from a node upgraded twice.
   */
  List<String> releaseUpdateHistory();

  /** Returns the faults currently switched on. */
  Set<Fault> faults();

  /** Switches a fault on or off for this node from now on. */
  void setFault(Fault fault, boolean on);

  /** Switches {@link Fault#SLOW_REPLIES} on with {@code delay}. */
  void slowReplies(Duration delay);

  /** Returns whether its Puppet agent is enabled (not locked by {@code puppet#disable}). */
  boolean puppetEnabled();

  /** Returns when each of its Puppet runs started applying, oldest first. */
  List<java.time.Instant> puppetRunStarts();

  /** Makes its next Puppet runs fail resources ({@code true}) or follow the profile again. */
  void failPuppetRuns(boolean on);

  /**
   * Restarts the node's process now, as an operator or a power cycle would: it announces its
   * shutdown, then comes back as its stored configuration says (in provisioning mode when it has
   * none) and announces its startup. Faults stay as they are.
   *
   * @throws FleetException when the node is gone or shut down
   */
  void reboot();
}
