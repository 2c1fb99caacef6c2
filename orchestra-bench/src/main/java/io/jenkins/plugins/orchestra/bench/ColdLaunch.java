package io.jenkins.plugins.orchestra.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One fresh JVM, timed on the wall clock from just before it is started to each line it prints, read as it comes, and
 * to its exit.
 */
final class ColdLaunch {
    /** How Jenkins and the runner print a stage starting: {@code [Pipeline] { (Build)}. */
    static final String STAGE_MARK = "[Pipeline] { (";

    /** How {@link StartupPhases} reports that it has done a phase. */
    static final String PHASE_MARK = "PHASE ";

    private static final long TIMEOUT_SECONDS = 120;

    /** A line the launch printed and when, in milliseconds since it was started. */
    record Mark(String name, double millis) {}

    /**
     * @param firstStageMillis when the first {@link #STAGE_MARK} line came
     * @param exitMillis when the process had ended and its output was read
     * @param phases the {@link #PHASE_MARK} lines, in order
     */
    record Result(double firstStageMillis, double exitMillis, List<Mark> phases) {}

    private ColdLaunch() {}

    /**
     * Runs {@code command} in {@code dir} and waits for it; it must exit with 0, and print a stage line unless
     * {@code phasesOnly}. Its standard error goes to {@code stderr}, quoted when it fails.
     */
    static Result run(List<String> command, Path dir, Path stderr, boolean phasesOnly)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile());
        builder.environment().remove("ORCHESTRA_JAVA_OPTS");
        builder.environment().remove("ORCHESTRA_CDS");
        double firstStage = Double.NaN;
        List<Mark> phases = new ArrayList<>();
        long start = System.nanoTime();
        Process process = builder.start();
        CompletableFuture.runAsync(
                () -> {
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                },
                CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        process.getOutputStream().close();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                double at = millisSince(start);
                if (Double.isNaN(firstStage) && line.contains(STAGE_MARK)) {
                    firstStage = at;
                }
                if (line.startsWith(PHASE_MARK)) {
                    phases.add(new Mark(line.substring(PHASE_MARK.length()), at));
                }
            }
        }
        int exit = process.waitFor();
        double exitMillis = millisSince(start);
        if (exit != 0 || (!phasesOnly && Double.isNaN(firstStage))) {
            throw new IllegalStateException("exit code " + exit + (Double.isNaN(firstStage) ? ", no stage line" : "")
                    + " from " + String.join(" ", command) + "\n" + tail(stderr));
        }
        return new Result(firstStage, exitMillis, List.copyOf(phases));
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
