package io.jenkins.plugins.orchestra.reliability.faults;

import io.jenkins.plugins.orchestra.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processes of this machine that carry a fault's marker, in their command line or their environment, found by a
 * scan of {@code /proc}. A process a run started and left behind carries the marker its Jenkinsfile put in an
 * environment variable, a path or an argument; zombies have ended and are not counted.
 */
final class Orphans {
    private Orphans() {}

    /** {@code pid command line} of every running process that carries {@code marker}. */
    static Set<String> carrying(String marker) {
        Set<String> found = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                String cmdline = read(p.resolve("cmdline"));
                if ((cmdline.contains(marker) || read(p.resolve("environ")).contains(marker))
                        && Processes.running(pid)) {
                    found.add(pid + " " + cmdline.replace('\0', ' ').trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /**
     * What carries {@code marker} now and did not before, once the processes that are on their way out have had
     * {@code settle} to go: a run's processes are gone when it returns, so anything left is an orphan.
     */
    static List<String> leftSince(Set<String> before, String marker, Duration settle) throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        List<String> left;
        do {
            left = new ArrayList<>(carrying(marker));
            left.removeAll(before);
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return left;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return ""; // gone since, or not ours to read
        }
    }
}
