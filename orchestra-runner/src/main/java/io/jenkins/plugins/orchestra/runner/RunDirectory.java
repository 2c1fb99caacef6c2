package io.jenkins.plugins.orchestra.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's state under {@code <workspace>/.orchestra/runs/<n>/}: its log, {@code summary.json} and a JUnit report of
 * its stages ({@code junit.xml}), so CI tools can show stage results.
 */
final class RunDirectory {
    private final Path dir;
    private final int number;

    private RunDirectory(Path dir, int number) {
        this.dir = dir;
        this.number = number;
    }

    /** The next run's directory: one more than the highest number there. */
    static RunDirectory next(Path workspace) throws IOException {
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

    int number() {
        return number;
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return dir.resolve("log.txt");
    }

    void writeResults(String jenkinsfile, JenkinsfileRunner.Outcome outcome) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", number);
        summary.put("jenkinsfile", jenkinsfile);
        summary.put("result", outcome.result().name());
        summary.put("durationMillis", outcome.duration().toMillis());
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
