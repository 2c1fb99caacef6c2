package io.jenkins.plugins.orchestra.reliability.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of every fault injected: whether the behaviour the docs promise was seen, how long the run took against
 * its bound, whether it hung, and what it left running. Written to {@code faults.json} and printed as the table of
 * docs/reliability.md.
 */
final class FaultReport {
    /** One fault. */
    record Row(
            String fault,
            String injected,
            String promise,
            boolean promiseSeen,
            String failure,
            String outcome,
            long millis,
            long boundMillis,
            boolean hang,
            List<String> orphans) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("faults", rows.size());
        s.put("promiseSeen", rows.stream().filter(Row::promiseSeen).count());
        s.put("promiseNotSeen", rows.stream().filter(r -> !r.promiseSeen()).count());
        s.put("hangs", rows.stream().filter(Row::hang).count());
        s.put("orphans", rows.stream().mapToInt(r -> r.orphans().size()).sum());
        return s;
    }

    synchronized void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", summary());
        json.put(
                "machine",
                Map.of("nproc", Runtime.getRuntime().availableProcessors(), "cpu", cpuModel(), "os", osName()));
        json.put("faults", rows);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("faults.json").toFile(), json);
        Files.writeString(dir.resolve("faults.md"), table());
    }

    /** The Markdown table of docs/reliability.md. */
    synchronized String table() {
        StringBuilder t =
                new StringBuilder("| fault | injected | promised | seen | outcome | time / bound | hang | orphans |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            t.append("| ")
                    .append(r.fault())
                    .append(" | ")
                    .append(r.injected())
                    .append(" | ")
                    .append(r.promise())
                    .append(" | ")
                    .append(r.promiseSeen() ? "yes" : "**no**: " + r.failure())
                    .append(" | ")
                    .append(r.outcome().replace("|", "\\|"))
                    .append(" | ")
                    .append("%.1f s / %.0f s".formatted(r.millis() / 1000.0, r.boundMillis() / 1000.0))
                    .append(" | ")
                    .append(r.hang() ? "**yes**" : "no")
                    .append(" | ")
                    .append(r.orphans().size())
                    .append(" |\n");
        }
        return t.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
