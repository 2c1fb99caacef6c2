package io.jenkins.plugins.orchestra.process;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The processes of one script, found and stopped: see the package documentation for which processes belong. Never
 * includes this JVM or its ancestors.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final long RESCAN_NANOS = Duration.ofMillis(250).toNanos();
    private static final long KILL_WAIT_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long PAUSE_MILLIS = 10;

    private final ProcessHandle root;
    private final String cookieEntry;
    private final Set<Long> untouchable = new HashSet<>();
    private long session = -1;

    /**
     * @param cookieEntry {@code NAME=value} as in the script's environment, unique to the run
     */
    ProcessTree(ProcessHandle root, String cookieEntry) {
        this.root = root;
        this.cookieEntry = "\0" + cookieEntry + "\0";
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
                p.isPresent();
                p = p.get().parent()) {
            untouchable.add(p.get().pid());
        }
        untouchable.add(1L);
    }

    /** Every live process of the script now. */
    Map<Long, ProcessHandle> members() {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        if (running(root)) {
            found.put(root.pid(), root);
            noteSession();
        }
        root.descendants().forEach(h -> found.put(h.pid(), h));
        if (Files.isDirectory(PROC)) {
            ProcessHandle.allProcesses()
                    .filter(h -> !found.containsKey(h.pid()) && !untouchable.contains(h.pid()))
                    .filter(this::belongs)
                    .forEach(h -> found.put(h.pid(), h));
        }
        found.keySet().removeAll(untouchable);
        found.values().removeIf(h -> !running(h));
        return found;
    }

    /**
     * Sends {@code SIGTERM} to every process, waits up to {@code grace} for all to end (sending it to newcomers too),
     * then sends {@code SIGKILL} until none is left or two more seconds have passed.
     *
     * @param hurry when it becomes true, the rest of the grace period is skipped; so it is when the thread is
     *     interrupted, whose interrupt flag is set again at the end
     * @param whileWaiting run between checks, to keep reading output
     * @param notices user-facing lines saying what is done
     * @return the processes that could not be killed, normally none
     */
    List<ProcessHandle> stop(
            Duration grace, BooleanSupplier hurry, Runnable whileWaiting, Consumer<String> notices, String why) {
        boolean interrupted = false;
        Map<Long, ProcessHandle> signalled = members();
        if (!signalled.isEmpty()) {
            notices.accept(why + ": sending SIGTERM to " + count(signalled.size()));
        }
        signalled.values().forEach(ProcessHandle::destroy);
        long graceEnd = System.nanoTime() + grace.toNanos();
        long nextScan = System.nanoTime() + RESCAN_NANOS;
        while (System.nanoTime() - graceEnd < 0 && !interrupted && !hurry.getAsBoolean()) {
            whileWaiting.run();
            signalled.values().removeIf(h -> !running(h));
            if (signalled.isEmpty() || System.nanoTime() - nextScan >= 0) {
                Map<Long, ProcessHandle> now = members();
                if (now.isEmpty()) {
                    return done(List.of(), interrupted);
                }
                now.forEach((pid, h) -> {
                    if (signalled.putIfAbsent(pid, h) == null) {
                        h.destroy();
                    }
                });
                nextScan = System.nanoTime() + RESCAN_NANOS;
            }
            interrupted |= pause();
        }
        List<ProcessHandle> left = List.of();
        long killEnd = System.nanoTime() + KILL_WAIT_NANOS;
        boolean told = false;
        do {
            Map<Long, ProcessHandle> now = members();
            signalled.values().stream().filter(ProcessTree::running).forEach(h -> now.putIfAbsent(h.pid(), h));
            left = new ArrayList<>(now.values());
            if (left.isEmpty()) {
                break;
            }
            if (!told) {
                boolean early = System.nanoTime() - graceEnd < 0;
                notices.accept(count(left.size()) + " still running "
                        + (early ? "and asked again" : "after " + Durations.format(grace)) + ": sending SIGKILL");
                told = true;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            whileWaiting.run();
            interrupted |= pause();
        } while (System.nanoTime() - killEnd < 0);
        left.removeIf(h -> !running(h));
        if (!left.isEmpty()) {
            notices.accept("could not kill "
                    + left.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(", "))
                    + "; a process stuck in the kernel dies only when its system call ends");
        }
        return done(left, interrupted);
    }

    private static List<ProcessHandle> done(List<ProcessHandle> left, boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    /**
     * Whether {@code h} still runs. A zombie has ended and only waits for its parent to read its status, but {@link
     * ProcessHandle#isAlive()} counts it; where init does not reap orphans (some containers) it stays one for good.
     */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        if (!Files.isDirectory(PROC)) {
            return true;
        }
        Stat stat = Stat.of(h.pid());
        return stat != null && !stat.zombie;
    }

    private static String count(int n) {
        return n == 1 ? "1 process" : n + " processes";
    }

    /** Sleeps a little; an interruption must not stop the killing, so it is only reported. */
    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** The shell leads its own session once {@code setsid} has run; only then are its session and group ours. */
    private void noteSession() {
        if (session < 0) {
            Stat stat = Stat.of(root.pid());
            if (stat != null && stat.session == root.pid()) {
                session = root.pid();
            }
        }
    }

    private boolean belongs(ProcessHandle h) {
        Stat stat = Stat.of(h.pid());
        if (stat == null || stat.zombie) {
            return false;
        }
        if (session > 0 && (stat.session == session || stat.group == session)) {
            return true;
        }
        try {
            byte[] environ =
                    Files.readAllBytes(PROC.resolve(Long.toString(h.pid())).resolve("environ"));
            return ("\0" + new String(environ, StandardCharsets.ISO_8859_1) + "\0").contains(cookieEntry);
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's
        }
    }

    /** The fields of {@code /proc/PID/stat} we need. */
    private record Stat(boolean zombie, long group, long session) {
        static Stat of(long pid) {
            try {
                String text =
                        Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
                // "pid (command) state ppid pgrp session ...": the command may hold spaces and parentheses
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ", 5);
                return new Stat(
                        fields[0].equals("Z") || fields[0].equals("X"),
                        Long.parseLong(fields[2]),
                        Long.parseLong(fields[3]));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
