package io.jenkins.plugins.orchestra.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.orchestra.runner.resume.ResumeException;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's state under {@code <workspace>/.orchestra/runs/<n>/}: its log, {@code summary.json} and a JUnit report of
 * its stages ({@code junit.xml}), so CI tools can show stage results; and what resuming it needs: {@code run.json}, a
 * copy of its Jenkinsfile, the step journal {@code steps.jsonl}, and {@code run.lock}, held while it runs.
 */
public final class RunDirectory {
    private static final String LOCK = "run.lock";

    private final Path dir;
    private final int number;

    private RunDirectory(Path dir, int number) {
        this.dir = dir;
        this.number = number;
    }

    /** The next run's directory: one more than the highest number there. */
    public static RunDirectory next(Path workspace) throws IOException {
        Path runs = workspace.resolve(".orchestra/runs");
        Files.createDirectories(runs);
        int highest = 0;
        try (Stream<Path> list = Files.list(runs)) {
            for (Path p : list.toList()) {
                try {
                    highest = Math.max(highest, Integer.parseInt(p.getFileName().toString()));
                } catch (NumberFormatException e) {
                    // not a run
                }
            }
        }
        for (int n = highest + 1; ; n++) {
            Path dir = runs.resolve(Integer.toString(n));
            try {
                Files.createDirectory(dir);
                return new RunDirectory(dir, n);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run took it meanwhile
            }
        }
    }

    /** The directory of run {@code number}, which must exist. */
    public static RunDirectory existing(Path workspace, int number) {
        Path dir = workspace.resolve(".orchestra/runs").resolve(Integer.toString(number));
        if (number < 1 || !Files.isDirectory(dir)) {
            throw new ResumeException("no run " + number + " in " + dir.getParent());
        }
        return new RunDirectory(dir, number);
    }

    /** Every run of the workspace, by number. */
    public static List<RunDirectory> all(Path workspace) throws IOException {
        Path runs = workspace.resolve(".orchestra/runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<RunDirectory> all = new ArrayList<>();
        try (Stream<Path> list = Files.list(runs)) {
            for (Path p : list.toList()) {
                try {
                    int n = Integer.parseInt(p.getFileName().toString());
                    if (n > 0 && Files.isDirectory(p)) {
                        all.add(new RunDirectory(p, n));
                    }
                } catch (NumberFormatException e) {
                    // not a run
                }
            }
        }
        all.sort(java.util.Comparator.comparingInt(RunDirectory::number));
        return all;
    }

    public int number() {
        return number;
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("log.txt");
    }

    Path journal() {
        return dir.resolve("steps.jsonl");
    }

    /** The Jenkinsfile as it was when the run started. */
    Path jenkinsfile() {
        return dir.resolve("Jenkinsfile");
    }

    void writeInfo(RunInfo info, String jenkinsfileText) throws IOException {
        Files.writeString(jenkinsfile(), jenkinsfileText, StandardCharsets.UTF_8);
        // whole or not at all: a run killed while this is written is one that never started, not one that cannot resume
        Path partial = dir.resolve("run.json.partial");
        Json.MAPPER.writeValue(partial.toFile(), info);
        Files.move(partial, dir.resolve("run.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The run's {@code run.json}, if it has one (runs of an orchestra without resume do not). */
    public Optional<RunInfo> info() throws IOException {
        Path file = dir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RunInfo.class));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ResumeException(file + " is not readable: " + e.getOriginalMessage());
        }
    }

    /** {@code summary.json}, written when the run finished; empty while it has not. */
    public Optional<JsonNode> summary() throws IOException {
        Path file = dir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(file.toFile()));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ResumeException(file + " is not readable: " + e.getOriginalMessage());
        }
    }

    /**
     * Takes {@code run.lock}, which the run holds while it runs. The operating system lets go of it when the process
     * ends, however it ends, so a run that was killed is not running any more.
     *
     * @throws ResumeException if another process holds it
     */
    Closeable lock() throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel; // closing it lets go of the lock
            }
        } catch (OverlappingFileLockException e) {
            // held in this process
        }
        channel.close();
        throw new ResumeException(
                "run " + number + " is still running (another orchestra holds " + dir.resolve(LOCK) + ")");
    }

    /** Whether a process holds {@code run.lock}. */
    public boolean isRunning() throws IOException {
        if (!Files.exists(dir.resolve(LOCK))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE)) {
            return channel.tryLock() == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** @param resumed whether the run was resumed: its duration and stages are then those of its resumed part */
    void writeResults(String jenkinsfile, JenkinsfileRunner.Outcome outcome, boolean resumed) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", number);
        summary.put("jenkinsfile", jenkinsfile);
        summary.put("result", outcome.result().name());
        summary.put("durationMillis", outcome.duration().toMillis());
        if (resumed) {
            summary.put("resumed", true);
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageRecord s : outcome.stages()) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("name", s.name());
            stage.put("branch", s.branch());
            stage.put("result", s.result().name());
            stage.put("durationMillis", s.duration().toMillis());
            stage.put("error", s.error());
            stages.add(stage);
        }
        summary.put("stages", stages);
        Json.MAPPER.writeValue(dir.resolve("summary.json").toFile(), summary);
        Files.writeString(dir.resolve("junit.xml"), junit(outcome), StandardCharsets.UTF_8);
    }

    private static String junit(JenkinsfileRunner.Outcome outcome) {
        long failures = outcome.stages().stream()
                .filter(s -> s.result() == BuildResult.FAILURE || s.result() == BuildResult.ABORTED)
                .count();
        long skipped = outcome.stages().stream()
                .filter(s -> s.result() == BuildResult.NOT_BUILT)
                .count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(
                Locale.ROOT,
                "<testsuite name=\"stages\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                outcome.stages().size(),
                failures,
                skipped,
                outcome.duration().toMillis() / 1000.0));
        for (StageRecord s : outcome.stages()) {
            xml.append(String.format(
                    Locale.ROOT,
                    "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                    xml(s.branch() == null ? "stages" : s.branch()),
                    xml(s.name()),
                    s.duration().toMillis() / 1000.0));
            switch (s.result()) {
                case FAILURE, ABORTED ->
                    xml.append(">\n    <failure message=\"")
                            .append(xml(s.error() == null ? s.result().name() : s.error()))
                            .append("\"/>\n  </testcase>\n");
                case NOT_BUILT ->
                    xml.append(">\n    <skipped message=\"")
                            .append(xml(s.error() == null ? "skipped" : s.error()))
                            .append("\"/>\n  </testcase>\n");
                default -> xml.append("/>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }

    /** Jackson takes a tenth of a second or more to start in a fresh JVM: not before the first stage, then. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
