package io.jenkins.plugins.orchestra.reliability.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Where the harness kills the runner: at a time after its start, or the moment something is seen in the workspace or
 * on a host. The conditions are watched from outside, as an operator would see them, every few milliseconds.
 */
record KillPoint(Kind kind, long millis, int count) {
    enum Kind {
        /** {@code millis} after the runner started. */
        AT_TIME,
        /** While an upload is on its way: a host has {@code .orchestra/uploads/*.part}. */
        IN_UPLOAD,
        /** A host has the release unpacked in {@code releases/<version>}, and {@code current} is not on it yet. */
        BEFORE_SWITCH,
        /** {@code millis} after the last host failed its health check for good: while the deploy rolls back. */
        IN_ROLLBACK,
        /** The moment a journal of the run (steps, coordinator) grew for the {@code count}-th time. */
        JOURNAL_WRITE
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AT_TIME -> "at " + millis + " ms";
            case IN_UPLOAD -> "inside an SFTP upload";
            case BEFORE_SWITCH -> "between a release's upload and the current switch";
            case IN_ROLLBACK -> millis + " ms into a rollback";
            case JOURNAL_WRITE -> "at journal write " + count;
        };
    }

    /** The condition to kill on, for a run in {@code workspace} with {@code hosts} hosts. */
    BooleanSupplier condition(Path workspace, int hosts, long startNanos) {
        return switch (kind) {
            case AT_TIME -> () -> System.nanoTime() - startNanos >= millis * 1_000_000;
            case IN_UPLOAD ->
                () -> anyHost(workspace, hosts, base -> !list(base.resolve(".orchestra/uploads"))
                        .isEmpty());
            case BEFORE_SWITCH ->
                () -> anyHost(
                        workspace,
                        hosts,
                        base -> Files.isDirectory(base.resolve("releases").resolve(Delivery.VERSION))
                                && !currentIs(base, Delivery.VERSION));
            case IN_ROLLBACK ->
                new BooleanSupplier() {
                    private long seen;

                    @Override
                    public boolean getAsBoolean() {
                        if (seen == 0
                                && Files.exists(
                                        Delivery.base(workspace, hosts - 1).resolve(".health-failed"))) {
                            seen = System.nanoTime();
                        }
                        return seen != 0 && System.nanoTime() - seen >= millis * 1_000_000;
                    }
                };
            case JOURNAL_WRITE ->
                new BooleanSupplier() {
                    private long size = -1;
                    private int writes;

                    @Override
                    public boolean getAsBoolean() {
                        long now = journalBytes(workspace.resolve(".orchestra/runs/1"));
                        if (size >= 0 && now != size) {
                            writes++;
                        }
                        size = now;
                        return writes >= count;
                    }
                };
        };
    }

    private static boolean anyHost(Path workspace, int hosts, java.util.function.Predicate<Path> test) {
        for (int i = 0; i < hosts; i++) {
            if (test.test(Delivery.base(workspace, i))) {
                return true;
            }
        }
        return false;
    }

    static long journalBytes(Path runDir) {
        long total = 0;
        for (Path p : list(runDir)) {
            if (p.getFileName().toString().endsWith(".jsonl")) {
                try {
                    total += Files.size(p);
                } catch (IOException e) {
                    // being replaced: counted on the next look
                }
            }
        }
        return total;
    }

    static boolean currentIs(Path base, String version) {
        try {
            return Files.readSymbolicLink(base.resolve("current")).toString().equals("releases/" + version);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            throw new UncheckedIOException(e);
        }
    }
}
