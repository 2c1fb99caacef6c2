package io.jenkins.plugins.orchestra.reliability.faults;

import io.jenkins.plugins.orchestra.runner.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Jenkinsfile run by the real runner in this JVM ({@code orchestra run Jenkinsfile --no-ui --plain}, through
 * {@link Main#run}) in a workspace of its own, whose name carries a marker unique to the run: every path under it and
 * every process started with it carries the marker, so what the run left running shows in {@link Orphans}.
 */
final class FaultRun {
    /** What a run did: its exit code, console, how long it took, and the processes it left. */
    record Result(int exit, String log, long millis, boolean ended, List<String> orphans) {
        /** The console's {@code ERROR: } lines. */
        List<String> errors() {
            return log.lines().filter(l -> l.startsWith("ERROR: ")).toList();
        }

        List<String> warnings() {
            return log.lines().filter(l -> l.contains("WARNING: ")).toList();
        }

        String finished() {
            return log.lines()
                    .filter(l -> l.startsWith("Finished: "))
                    .reduce((a, b) -> b)
                    .orElse("(no Finished line)");
        }

        /** Whether a Java stack trace got into the console. */
        boolean hasStackTrace() {
            return log.lines().anyMatch(l -> l.startsWith("\tat ") || l.matches("^\\s+at [a-z].*\\(.*\\)$"))
                    || log.contains("Exception in thread");
        }
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path workspace;
    private final String marker;

    private FaultRun(Path workspace, String marker) {
        this.workspace = workspace;
        this.marker = marker;
    }

    /** A fresh workspace under {@code root} for the fault named {@code name}. */
    static FaultRun in(Path root, String name) throws IOException {
        String marker =
                "fault-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + RUNS.incrementAndGet();
        return new FaultRun(Files.createDirectories(root.resolve(marker)), marker);
    }

    Path workspace() {
        return workspace;
    }

    /** The marker: the workspace's name, to put in environment variables of processes that need one. */
    String marker() {
        return marker;
    }

    FaultRun write(String file, String text) throws IOException {
        Path path = workspace.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        if (file.equals("credentials.json")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        return this;
    }

    /**
     * Runs {@code Jenkinsfile} with {@code credentials.json} (if written); gives it {@code limit} to end, after which
     * it counts as a hang (and is interrupted). The processes carrying the marker before the run are not counted.
     */
    Result run(Duration limit) throws InterruptedException {
        Set<String> before = Orphans.carrying(marker);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> args = Files.exists(workspace.resolve("credentials.json"))
                ? List.of(
                        "run",
                        workspace.resolve("Jenkinsfile").toString(),
                        "--credentials",
                        workspace.resolve("credentials.json").toString(),
                        "--no-ui",
                        "--plain")
                : List.of("run", workspace.resolve("Jenkinsfile").toString(), "--no-ui", "--plain");
        int[] exit = {-1};
        Thread runner = new Thread(() -> exit[0] = Main.run(args.toArray(String[]::new), out, out), marker);
        long start = System.nanoTime();
        runner.start();
        runner.join(limit.toMillis());
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean ended = !runner.isAlive();
        if (!ended) {
            runner.interrupt();
            runner.join(30_000);
        }
        List<String> orphans = Orphans.leftSince(before, marker, Duration.ofSeconds(2));
        String log = bytes.toString(StandardCharsets.UTF_8);
        System.out.printf("---- %s: exit %d in %d ms%n%s%n", marker, exit[0], millis, log);
        return new Result(exit[0], log, millis, ended, orphans);
    }
}
