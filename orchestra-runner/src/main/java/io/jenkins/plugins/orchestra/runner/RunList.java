package io.jenkins.plugins.orchestra.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.runner.resume.ResumeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code orchestra runs}: the runs of a workspace, one line each. */
final class RunList {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RunList() {}

    static String table(Path workspace, ZoneId zone) throws IOException {
        List<RunDirectory> runs = RunDirectory.all(workspace);
        if (runs.isEmpty()) {
            return "No runs in " + workspace.resolve(".orchestra/runs") + "\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "RESULT", "STARTED", "DURATION", "JENKINSFILE"});
        for (RunDirectory run : runs) {
            rows.add(row(run, zone));
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.append(line.append(r[4]).toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String[] row(RunDirectory run, ZoneId zone) throws IOException {
        Optional<RunInfo> info;
        Optional<JsonNode> summary;
        try {
            info = run.info();
            summary = run.summary();
        } catch (ResumeException e) {
            return new String[] {Integer.toString(run.number()), "unreadable", "-", "-", e.getMessage()};
        }
        String result;
        if (summary.isPresent()) {
            result = summary.get().path("result").asText("?")
                    + (summary.get().path("resumed").asBoolean(false) ? " (resumed)" : "");
        } else {
            result = run.isRunning() ? "running" : "unfinished";
        }
        Instant started = info.map(i -> Instant.parse(i.started()))
                .orElse(Files.readAttributes(run.dir(), BasicFileAttributes.class)
                        .creationTime()
                        .toInstant());
        String duration = summary.map(s -> s.path("durationMillis"))
                .filter(JsonNode::isNumber)
                .map(d -> Durations.format(Duration.ofMillis(d.asLong())))
                .orElse("-");
        String jenkinsfile = info.map(RunInfo::jenkinsfile)
                .or(() -> summary.map(s -> s.path("jenkinsfile").asText(null)))
                .orElse("-");
        return new String[] {
            Integer.toString(run.number()), result, TIME.format(started.atZone(zone)), duration, jenkinsfile
        };
    }
}
