package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What the step keeps on its side of a {@code tomcat} target, in its state directory:
 *
 * <pre>
 * wars/&lt;version&gt;-&lt;sha256, 12 digits&gt;.war    the WARs deployed, shared by the hosts
 * hosts/&lt;host&gt;_&lt;port&gt;/&lt;context&gt;.releases  per host: a line per WAR deployed there, the last current
 * releases.log                            every change: when, host, path, action, version, sha256, run, user
 * </pre>
 *
 * A host's record holds at most {@code keep} lines; a WAR no record names any more is deleted. Calls for one state
 * directory are serialized in this JVM, since a deploy works on many hosts at once.
 */
final class TomcatState {
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final int keep;
    private final Object lock;

    TomcatState(Path dir, int keep) {
        this.dir = dir.toAbsolutePath().normalize();
        this.keep = keep;
        this.lock = LOCKS.computeIfAbsent(this.dir, d -> new Object());
    }

    Path dir() {
        return dir;
    }

    /** The SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Where the WAR of this version and checksum is kept. */
    Path war(String version, String sha256) {
        return dir.resolve("wars").resolve(version + "-" + sha256.substring(0, 12) + ".war");
    }

    /** Keeps a copy of {@code war} (whose checksum is {@code sha256}) unless there is one, and returns where. */
    Path keep(Path war, String version, String sha256) throws IOException {
        Path kept = war(version, sha256);
        synchronized (lock) {
            if (Files.isRegularFile(kept) && sha256(kept).equals(sha256)) {
                return kept;
            }
            Files.createDirectories(kept.getParent());
            Path temp = Files.createTempFile(kept.getParent(), ".upload-", ".tmp");
            try {
                Files.copy(war, temp, StandardCopyOption.REPLACE_EXISTING);
                move(temp, kept);
            } finally {
                Files.deleteIfExists(temp);
            }
            return kept;
        }
    }

    /** The releases recorded for a host, oldest first; the last one is current. */
    List<TomcatRelease> releases(String hostKey) throws IOException {
        synchronized (lock) {
            return read(records(hostKey));
        }
    }

    /** Records {@code release} as the host's current one (replacing the last record if it is the same WAR). */
    void push(String hostKey, TomcatRelease release) throws IOException {
        synchronized (lock) {
            Path file = records(hostKey);
            List<TomcatRelease> releases = new ArrayList<>(read(file));
            if (!releases.isEmpty()) {
                TomcatRelease last = releases.get(releases.size() - 1);
                if (last.version().equals(release.version()) && last.sha256().equals(release.sha256())) {
                    releases.remove(releases.size() - 1);
                }
            }
            releases.add(release);
            while (releases.size() > keep) {
                releases.remove(0);
            }
            write(file, releases);
        }
    }

    /** Drops the host's current record, after a rollback to the one before; returns the dropped one. */
    Optional<TomcatRelease> pop(String hostKey) throws IOException {
        synchronized (lock) {
            Path file = records(hostKey);
            List<TomcatRelease> releases = new ArrayList<>(read(file));
            if (releases.isEmpty()) {
                return Optional.empty();
            }
            TomcatRelease dropped = releases.remove(releases.size() - 1);
            write(file, releases);
            return Optional.of(dropped);
        }
    }

    /** Appends a line to {@code releases.log}. */
    void log(String line) throws IOException {
        synchronized (lock) {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("releases.log"),
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Deletes the kept WARs that no host's record names and that are not in {@code pinned}; returns them. */
    List<Path> prune(Set<Path> pinned) throws IOException {
        synchronized (lock) {
            Path wars = dir.resolve("wars");
            Path hosts = dir.resolve("hosts");
            if (!Files.isDirectory(wars)) {
                return List.of();
            }
            Set<Path> named = new HashSet<>();
            for (Path p : pinned) {
                named.add(p.toAbsolutePath().normalize());
            }
            if (Files.isDirectory(hosts)) {
                try (Stream<Path> files = Files.walk(hosts)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".releases"))
                            .toList()) {
                        for (TomcatRelease r : read(file)) {
                            named.add(war(r.version(), r.sha256()));
                        }
                    }
                }
            }
            List<Path> deleted = new ArrayList<>();
            try (Stream<Path> files = Files.list(wars)) {
                for (Path war : files.filter(f -> f.toString().endsWith(".war")).toList()) {
                    if (!named.contains(war.toAbsolutePath().normalize())) {
                        Files.deleteIfExists(war);
                        deleted.add(war);
                    }
                }
            }
            return deleted;
        }
    }

    private Path records(String hostKey) {
        return dir.resolve("hosts").resolve(hostKey + ".releases");
    }

    private static List<TomcatRelease> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<TomcatRelease> releases = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                releases.add(TomcatRelease.parse(line));
            } catch (RuntimeException e) {
                throw new IOException(file + " is damaged (" + e.getMessage() + "); fix or delete it", e);
            }
        }
        return releases;
    }

    private static void write(Path file, List<TomcatRelease> releases) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("# version\tsha256\tdeployed at\trun; the last line is current\n");
        for (TomcatRelease r : releases) {
            text.append(r.line()).append('\n');
        }
        Path temp = Files.createTempFile(file.getParent(), ".releases-", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
