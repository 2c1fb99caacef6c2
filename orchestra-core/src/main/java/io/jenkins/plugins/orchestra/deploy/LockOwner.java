package io.jenkins.plugins.orchestra.deploy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a target's lock: the run, who started it, the machine and process that deploy from, and since when. It is
 * written to the lock as one tab-separated line, and compared as that line.
 */
public record LockOwner(String run, String user, String machine, long pid, Instant since) {
    public LockOwner {
        run = clean(run);
        user = clean(user);
        machine = clean(machine);
        Objects.requireNonNull(since, "since");
    }

    /** This process on this machine, for {@code run}. */
    public static LockOwner current(String run, String user, Instant now) {
        return new LockOwner(run, user, thisMachine(), ProcessHandle.current().pid(), now);
    }

    /** The line stored in the lock. */
    public String line() {
        return run + "\t" + user + "\t" + machine + "\t" + pid + "\t" + since;
    }

    /** Reads a lock's line, if it is one. */
    public static Optional<LockOwner> parse(String line) {
        String[] f = line.strip().split("\t", -1);
        if (f.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LockOwner(f[0], f[1], f[2], Long.parseLong(f[3]), Instant.parse(f[4])));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether this owner is a process of this machine that has ended: its lock can be taken over at once. */
    public boolean isGoneFromThisMachine() {
        return machine.equals(thisMachine())
                && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** For messages: {@code job#7 (alice) on build-host, pid 4242, since 2026-11-23T10:00:00Z}. */
    public String describe() {
        return run + " (" + user + ") on " + machine + ", pid " + pid + ", since " + since;
    }

    /** The name of this machine, as locks record it. */
    public static String thisMachine() {
        return Machine.NAME;
    }

    /** Read once: looking the name up may be slow. */
    private static final class Machine {
        static final String NAME = clean(read());

        private static String read() {
            try {
                String kernel = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
                        .strip();
                if (!kernel.isEmpty()) {
                    return kernel;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: ask Java
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }

    private static String clean(String value) {
        Objects.requireNonNull(value, "value");
        String s = value.replaceAll("[\\t\\r\\n\\x00]", " ").strip();
        return s.isEmpty() ? "?" : s;
    }
}
