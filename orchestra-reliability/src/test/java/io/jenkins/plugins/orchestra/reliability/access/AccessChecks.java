package io.jenkins.plugins.orchestra.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one area of the access suite, each run to its end even when one before it failed, so the report counts
 * every check tried and every one passed. {@link #write} merges the area into {@code target/reliability/access.json};
 * {@link #assertAllPassed} then fails the test with every failed check named.
 */
final class AccessChecks {
    /** A check: an assertion that may throw. */
    interface Check {
        void run() throws Exception;
    }

    record Result(String name, boolean passed, String failure) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String area;
    private final List<Result> results = new ArrayList<>();

    AccessChecks(String area) {
        this.area = area;
    }

    /** Runs {@code check} and records whether it passed. */
    synchronized void check(String name, Check check) {
        try {
            check.run();
            results.add(new Result(name, true, null));
        } catch (Exception | AssertionError e) {
            String message = String.valueOf(e.getMessage())
                    .lines()
                    .limit(12)
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse("");
            results.add(new Result(name, false, e.getClass().getSimpleName() + ": " + message));
            System.out.println("access check FAILED: " + area + ": " + name + ": " + message);
        }
    }

    synchronized int tried() {
        return results.size();
    }

    synchronized int passed() {
        return (int) results.stream().filter(Result::passed).count();
    }

    /** Merges this area's checks into {@code access.json}, replacing what an earlier run wrote for it. */
    synchronized void write() throws IOException {
        Path reports = Path.of(System.getProperty("reliability.reports", "target/reliability"));
        Files.createDirectories(reports);
        Path file = reports.resolve("access.json");
        ObjectNode root =
                Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        root.put("date", LocalDate.now().toString());
        root.put("machine", Machine.describe());
        root.put(
                "command",
                "mvn -B -pl orchestra-reliability -am test -Dtest='*Access*' -Dsurefire.failIfNoSpecifiedTests=false");
        ObjectNode areas = root.has("areas") ? (ObjectNode) root.get("areas") : root.putObject("areas");
        ObjectNode a = areas.putObject(area);
        a.put("tried", tried());
        a.put("passed", passed());
        ArrayNode checks = a.putArray("checks");
        for (Result r : results) {
            ObjectNode c = checks.addObject();
            c.put("check", r.name());
            c.put("passed", r.passed());
            if (r.failure() != null) {
                c.put("failure", r.failure());
            }
        }
        int tried = 0;
        int passed = 0;
        for (var it = areas.elements(); it.hasNext(); ) {
            var node = it.next();
            tried += node.path("tried").asInt();
            passed += node.path("passed").asInt();
        }
        ObjectNode total = root.putObject("total");
        total.put("tried", tried);
        total.put("passed", passed);
        JSON.writeValue(file.toFile(), root);
        System.out.println("access suite: " + area + ": " + passed() + " of " + tried() + " checks passed");
    }

    synchronized void assertAllPassed() {
        assertThat(results.stream().filter(r -> !r.passed()).map(r -> r.name() + ": " + r.failure()))
                .as(area + " checks that failed")
                .isEmpty();
    }

    /** {@code nproc} and the processor's model name, as the report names the machine. */
    static final class Machine {
        private Machine() {}

        static String describe() {
            String model = "unknown processor";
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        model = line.substring(line.indexOf(':') + 1).strip();
                        break;
                    }
                }
            } catch (IOException e) {
                // not Linux: the model stays unknown
            }
            return Runtime.getRuntime().availableProcessors() + " processors, " + model;
        }
    }
}
