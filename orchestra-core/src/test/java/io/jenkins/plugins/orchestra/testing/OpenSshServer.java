package io.jenkins.plugins.orchestra.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (Debian's {@code openssh-server}) on 127.0.0.1 for one test: its own port, a fresh ed25519
 * host key, a fresh ed25519 user key for the current user in its {@code authorized_keys}, SFTP enabled. Several stand
 * for several hosts. {@link #close()} stops it; {@link #stop()} and {@link #start()} stop and start it again on the
 * same port with the same keys, to fault a host mid-test.
 *
 * <pre>
 * try (OpenSshServer sshd = OpenSshServer.start(tempDir)) {
 *     sshd.port(); sshd.userKey(); sshd.knownHostsLine();
 * }
 * </pre>
 */
public final class OpenSshServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final String address;
    private final int port;
    private Process daemon;

    private OpenSshServer(Path dir, String address, int port) {
        this.dir = dir;
        this.address = address;
        this.port = port;
    }

    /** Whether this machine has {@code sshd} and {@code ssh-keygen} (tests assume it, CI installs it). */
    public static boolean isAvailable() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /** Generates keys and a config in {@code dir} (which must exist) and starts the server. */
    public static OpenSshServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, Options.defaults());
    }

    public static OpenSshServer start(Path dir, Options options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/sshd"));
        keygen(dir.resolve("host_ed25519"), "ed25519");
        keygen(dir.resolve("user_ed25519"), "ed25519");
        keygen(dir.resolve("user_rsa"), "rsa");
        Files.copy(dir.resolve("user_ed25519.pub"), dir.resolve("authorized_keys"));
        if (options.authorizeRsaKey()) {
            Files.writeString(
                    dir.resolve("authorized_keys"),
                    Files.readString(dir.resolve("user_rsa.pub")),
                    java.nio.file.StandardOpenOption.APPEND);
        }
        OpenSshServer server = new OpenSshServer(dir, options.address(), freePort(options.address()));
        server.writeConfig(options);
        server.start();
        return server;
    }

    /** Starts the server again after {@link #stop()}, on the same port with the same keys. */
    public void start() throws IOException, InterruptedException {
        Path log = dir.resolve("sshd.log");
        daemon = new ProcessBuilder(
                        SSHD.toString(), "-D", "-f", dir.resolve("sshd_config").toString(), "-E", log.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.out").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new IOException(
                        "sshd exited with " + daemon.exitValue() + ": " + read(log) + read(dir.resolve("sshd.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on " + address + ":" + port + " within 10 s: " + read(log));
    }

    /** Stops the server and every session it serves (the listener and its children). */
    public void stop() throws InterruptedException {
        if (daemon == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(daemon.descendants().toList());
        daemon.destroy();
        all.forEach(ProcessHandle::destroy);
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
        }
        for (ProcessHandle child : all) {
            child.destroyForcibly();
        }
        daemon = null;
    }

    /** The pid of the listening sshd, whose children serve the sessions; -1 when it is stopped. */
    public long pid() {
        return daemon == null ? -1 : daemon.pid();
    }

    public boolean isRunning() {
        return daemon != null && daemon.isAlive();
    }

    public int port() {
        return port;
    }

    /** The loopback address it listens on: 127.0.0.1 unless {@link Options#address()} says another. */
    public String host() {
        return address;
    }

    /** The user it lets in: the user running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** The private ed25519 key (OpenSSH format) that it accepts. */
    public Path userKey() {
        return dir.resolve("user_ed25519");
    }

    /** The private RSA key (OpenSSH format); accepted only with {@link Options#authorizeRsaKey()}. */
    public Path userRsaKey() {
        return dir.resolve("user_rsa");
    }

    /** The line of a {@code known_hosts} file that trusts this server: {@code [127.0.0.1]:port ssh-ed25519 AAAA…}. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(dir.resolve("host_ed25519.pub")).trim().split("\\s+");
        return "[" + address + "]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** The server's own log, for assertion messages. */
    public String log() {
        return read(dir.resolve("sshd.log"));
    }

    /** Replaces the host key with a new one (takes effect on the next {@link #start()}): a host key mismatch. */
    public void changeHostKey() throws IOException, InterruptedException {
        Files.delete(dir.resolve("host_ed25519"));
        Files.delete(dir.resolve("host_ed25519.pub"));
        keygen(dir.resolve("host_ed25519"), "ed25519");
    }

    /**
     * Adds a host key of another type ({@code rsa}, {@code ecdsa}) beside the ed25519 one, taking effect on the next
     * {@link #start()}; returns its {@code known_hosts} line.
     */
    public String addHostKey(String type) throws IOException, InterruptedException {
        Path key = dir.resolve("host_" + type);
        keygen(key, type);
        configure("HostKey " + key);
        String[] pub =
                Files.readString(dir.resolve("host_" + type + ".pub")).trim().split("\\s+");
        return "[" + address + "]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** Appends a line to sshd_config (such as {@code AllowTcpForwarding no}), taking effect on the next {@link #start()}. */
    public void configure(String line) throws IOException {
        Files.writeString(dir.resolve("sshd_config"), line + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    /** Lets in the holder of this public key too (a {@code .pub} file), from now on. */
    public void authorize(Path publicKey) throws IOException {
        Files.writeString(
                dir.resolve("authorized_keys"), Files.readString(publicKey), java.nio.file.StandardOpenOption.APPEND);
    }

    /** How many logins it has accepted so far (its log's {@code Accepted publickey} and {@code Accepted password}). */
    public int acceptedLogins() {
        return (int) log().lines()
                .filter(l -> l.startsWith("Accepted publickey ") || l.startsWith("Accepted password "))
                .count();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void writeConfig(Options options) throws IOException {
        // Bash reads ~/.bashrc for a command sshd starts unless SHLVL says it is nested: the tests must not run the
        // test user's rc files (root's here runs `pyenv rehash`, which waits a minute on a lock left by a killed one).
        String config = String.join(
                "\n",
                "Port " + port,
                "ListenAddress " + address,
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "MaxStartups " + options.maxStartups(),
                "MaxSessions " + options.maxSessions(),
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                "SetEnv SHLVL=1",
                "");
        Files.writeString(dir.resolve("sshd_config"), config);
    }

    private static void keygen(Path file, String type) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "3072"));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * How to start it.
     *
     * @param authorizeRsaKey whether the RSA user key is let in too (rsa-sha2 tests)
     * @param maxStartups sshd's {@code MaxStartups} (raise it for many parallel connections)
     * @param maxSessions sshd's {@code MaxSessions} per connection
     * @param address the loopback address to listen on ({@code 127.0.0.1}, or another of 127.0.0.0/8 so that several
     *     servers stand for hosts of different addresses, as a health check URL with {@code {host}} needs)
     */
    public record Options(boolean authorizeRsaKey, int maxStartups, int maxSessions, String address) {
        public Options {
            if (!address.startsWith("127.")) {
                throw new IllegalArgumentException("address must be a loopback address (127.x.y.z), was " + address);
            }
        }

        public Options(boolean authorizeRsaKey, int maxStartups, int maxSessions) {
            this(authorizeRsaKey, maxStartups, maxSessions, "127.0.0.1");
        }

        public static Options defaults() {
            return new Options(true, 100, 20);
        }

        /** These options, listening on {@code address}. */
        public Options withAddress(String address) {
            return new Options(authorizeRsaKey, maxStartups, maxSessions, address);
        }
    }
}
