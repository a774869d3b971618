package io.fleetwright.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's own packages: initdb in a new temporary folder,
 * a free 127.0.0.1 port, its own socket folder, no system service. Its superuser has a random
 * password (TCP logins use scram-sha-256). Closing it stops the server and deletes the folder.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root, the cluster runs as the {@code
 * postgres} user that Debian's package creates, through {@code setpriv}.
 */
public final class PostgresCluster implements AutoCloseable {
  /** The superuser initdb creates; Temporal connects as it. */
  public static final String USER = "temporal";

  private static final String OS_USER = "postgres";
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path dir;
  private final int port;
  private final String password;
  private final List<String> runAs;
  private ManagedProcess process;

  private PostgresCluster(Path bin, Path dir, int port, String password, List<String> runAs) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.runAs = runAs;
  }

  /**
   * Creates a cluster in a new temporary folder, starts it, and waits until it accepts logins.
   *
   * @param bin the folder holding initdb, postgres, pg_ctl and pg_isready
   * @param timeout how long to wait for the server
   * @return the running cluster
   */
  public static PostgresCluster start(Path bin, Duration timeout) {
    for (String tool : List.of("initdb", "postgres", "pg_ctl", "pg_isready")) {
      if (!Files.isExecutable(bin.resolve(tool))) {
        throw new DevStackException(
            "PostgreSQL's "
                + tool
                + " is missing in "
                + bin
                + ". Run 'make setup' (it installs Debian's postgresql package) or pass -D"
                + Binaries.POSTGRES_BIN_PROPERTY
                + "=DIR.");
      }
    }
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    PostgresCluster cluster =
        new PostgresCluster(
            bin,
            createDir(),
            FreePorts.nextBelow(32768),
            HexFormat.of().formatHex(secret),
            runAsPrefix());
    try {
      cluster.initdb();
      cluster.launch(timeout);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static Path createDir() {
    try {
      return Files.createTempDirectory("fleetwright-postgres-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary folder for PostgreSQL", e);
    }
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static List<String> runAsPrefix() {
    if (!isRoot()) {
      return List.of();
    }
    if (!Files.isExecutable(SETPRIV)) {
      throw new DevStackException(
          "PostgreSQL refuses to run as root, and " + SETPRIV + " (util-linux) is missing");
    }
    return List.of(
        SETPRIV.toString(), "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--");
  }

  /** Hands the folder to the postgres user when running as root. */
  private void chownToRunAs(Path path) throws IOException {
    if (runAs.isEmpty()) {
      return;
    }
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    try {
      view.setOwner(users.lookupPrincipalByName(OS_USER));
      GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
      view.setGroup(group);
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      throw new DevStackException(
          "running as root, PostgreSQL must run as the '"
              + OS_USER
              + "' user, which does not exist. Run 'make setup' (Debian's postgresql package"
              + " creates it).",
          e);
    }
  }

  private void initdb() {
    Path pwfile = dir.resolve("pwfile");
    try {
      chownToRunAs(dir);
      Files.createDirectories(dir.resolve("sockets"));
      chownToRunAs(dir.resolve("sockets"));
      Files.writeString(pwfile, password + "\n");
      chownToRunAs(pwfile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the PostgreSQL folder " + dir, e);
    }
    Commands.Result result =
        tool(
            "initdb",
            "-D",
            dir.resolve("data").toString(),
            "-U",
            USER,
            "--pwfile=" + pwfile,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C");
    try {
      Files.deleteIfExists(pwfile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + pwfile, e);
    }
    if (!result.ok()) {
      throw result.failure("initdb of a throwaway PostgreSQL cluster in " + dir);
    }
  }

  private void launch(Duration timeout) {
    List<String> command = new ArrayList<>(runAs);
    command.addAll(
        List.of(
            bin.resolve("postgres").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-p",
            Integer.toString(port),
            "-k",
            dir.resolve("sockets").toString(),
            "-c",
            "listen_addresses=127.0.0.1"));
    process = new ManagedProcess("postgres", command, dir);
    process.start();
    process.awaitReady(
        timeout,
        () -> tool("pg_isready", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER).ok(),
        "PostgreSQL start on 127.0.0.1:" + port);
  }

  private Commands.Result tool(String name, String... args) {
    List<String> command = new ArrayList<>(runAs);
    command.add(bin.resolve(name).toString());
    command.addAll(List.of(args));
    return Commands.run(command, Map.of(), dir, TOOL_TIMEOUT);
  }

  /**
   * @return the address it listens on, {@code 127.0.0.1}
   */
  public String host() {
    return "127.0.0.1";
  }

  /**
   * @return the TCP port
   */
  public int port() {
    return port;
  }

  /**
   * @return the superuser's name, {@link #USER}
   */
  public String user() {
    return USER;
  }

  /**
   * The superuser's password, random per cluster. Pass it to tools through their environment, not
   * their command line.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /**
   * @return the pid of the postmaster (its backends are its children)
   */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      // A fast shutdown: open sessions are rolled back rather than waited for.
      tool("pg_ctl", "stop", "-D", dir.resolve("data").toString(), "-m", "fast", "-w");
      process.stop(Duration.ofSeconds(10));
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the PostgreSQL folder " + root, e);
    }
  }
}
