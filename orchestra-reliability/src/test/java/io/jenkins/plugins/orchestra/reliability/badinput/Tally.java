package io.jenkins.plugins.orchestra.reliability.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the bad input suite, over every test class of the run: per group of cases, how many were tried, how
 * many ended in a clear error, how many were accepted (a mutation that is still valid input), how many ended in an
 * unclear error (wrong exit code, no field or line named, a partial change) and how many crashed (a stack trace, an
 * exception's class name, a hang). Written to {@code target/reliability/badinput.json} after each class.
 */
final class Tally {
    enum Kind {
        CLEAR,
        ACCEPTED,
        UNCLEAR,
        CRASH
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, Map<Kind, Integer>> GROUPS = new TreeMap<>();
    private static final List<String> PROBLEMS = new ArrayList<>();

    private Tally() {}

    static synchronized void count(String group, Kind kind, String problem) {
        GROUPS.computeIfAbsent(group, g -> new LinkedHashMap<>()).merge(kind, 1, Integer::sum);
        if (problem != null) {
            PROBLEMS.add(group + ": " + problem);
        }
    }

    /** Rewrites the report with everything counted so far in this JVM. */
    static synchronized void write() {
        Map<String, Object> groups = new LinkedHashMap<>();
        int tried = 0;
        Map<Kind, Integer> totals = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Kind, Integer>> g : GROUPS.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            int n = g.getValue().values().stream().mapToInt(Integer::intValue).sum();
            row.put("tried", n);
            for (Kind k : Kind.values()) {
                int c = g.getValue().getOrDefault(k, 0);
                row.put(name(k), c);
                totals.merge(k, c, Integer::sum);
            }
            tried += n;
            groups.put(g.getKey(), row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tried", tried);
        for (Kind k : Kind.values()) {
            summary.put(name(k), totals.getOrDefault(k, 0));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seed", Seeds.base());
        report.put("summary", summary);
        report.put("groups", groups);
        report.put("problems", PROBLEMS);
        try {
            Path dir = Path.of(System.getProperty("reliability.reports", "target/reliability"));
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("badinput.json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("bad input: " + summary);
    }

    private static String name(Kind k) {
        return switch (k) {
            case CLEAR -> "clearErrors";
            case ACCEPTED -> "accepted";
            case UNCLEAR -> "unclearErrors";
            case CRASH -> "crashes";
        };
    }
}
