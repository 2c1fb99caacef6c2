package io.jenkins.plugins.orchestra.provision.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code ansible-playbook} reported through its JSON callback ({@code ANSIBLE_STDOUT_CALLBACK=json}): the counts of
 * the play recap for each host, and for each host that failed or was unreachable, the task it stopped at and why.
 *
 * @param hosts each host's counts, by host name
 * @param problems one per host that failed or was unreachable: its last failed or unreachable task
 */
public record AnsibleReport(Map<String, HostStats> hosts, List<Problem> problems) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLUMNS = {"OK", "CHANGED", "UNREACHABLE", "FAILED", "SKIPPED", "RESCUED", "IGNORED"};

    public AnsibleReport {
        hosts = Collections.unmodifiableMap(new TreeMap<>(hosts));
        problems = List.copyOf(problems);
    }

    /** The counts of one host in the play recap. */
    public record HostStats(int ok, int changed, int unreachable, int failures, int skipped, int rescued, int ignored) {
        public static final HostStats NONE = new HostStats(0, 0, 0, 0, 0, 0, 0);

        HostStats plus(HostStats o) {
            return new HostStats(
                    ok + o.ok,
                    changed + o.changed,
                    unreachable + o.unreachable,
                    failures + o.failures,
                    skipped + o.skipped,
                    rescued + o.rescued,
                    ignored + o.ignored);
        }

        int[] columns() {
            return new int[] {ok, changed, unreachable, failures, skipped, rescued, ignored};
        }
    }

    /** Why a host failed: the task it stopped at, and Ansible's message. */
    public record Problem(String host, String task, String message, boolean unreachable) {
        /** {@code web1: unreachable at task 'Install nginx': Failed to connect to the host via ssh: …}. */
        @Override
        public String toString() {
            return host + ": " + (unreachable ? "unreachable" : "failed") + " at task '" + task + "'"
                    + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /**
     * Reads the JSON document the callback printed on standard output; lines before it (a plugin that printed to
     * stdout) are skipped.
     *
     * @throws IllegalArgumentException if there is no such document
     */
    public static AnsibleReport parse(String stdout) {
        int start = stdout.startsWith("{") ? 0 : stdout.indexOf("\n{");
        if (start < 0) {
            throw new IllegalArgumentException("no JSON report on standard output");
        }
        JsonNode root;
        try {
            root = JSON.readTree(stdout.substring(start));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JSON report cannot be read: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("stats").isObject()) {
            throw new IllegalArgumentException("the JSON report has no stats");
        }
        Map<String, HostStats> hosts = new LinkedHashMap<>();
        root.path("stats").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            hosts.put(
                    e.getKey(),
                    new HostStats(
                            s.path("ok").asInt(),
                            s.path("changed").asInt(),
                            s.path("unreachable").asInt(),
                            s.path("failures").asInt(),
                            s.path("skipped").asInt(),
                            s.path("rescued").asInt(),
                            s.path("ignored").asInt()));
        });
        // A host stops at the task that failed it, so its last failed (or unreachable) result is the one that
        // counts; earlier ones were ignored (ignore_errors) or rescued, which the callback does not mark.
        Map<String, Problem> last = new TreeMap<>();
        for (JsonNode play : root.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                String name = task.path("task").path("name").asText("");
                task.path("hosts").fields().forEachRemaining(e -> {
                    JsonNode result = e.getValue();
                    HostStats stats = hosts.getOrDefault(e.getKey(), HostStats.NONE);
                    boolean unreachable = result.path("unreachable").asBoolean(false);
                    boolean failed = result.path("failed").asBoolean(false);
                    if ((unreachable && stats.unreachable() > 0) || (failed && stats.failures() > 0)) {
                        last.put(e.getKey(), new Problem(e.getKey(), name, message(result), unreachable));
                    }
                });
            }
        }
        return new AnsibleReport(hosts, new ArrayList<>(last.values()));
    }

    /** Ansible's message for a failed result, with the last line of stderr when the message alone says little. */
    private static String message(JsonNode result) {
        String msg = result.path("msg").asText("").strip();
        String stderr = result.path("stderr").asText("").strip();
        if (!stderr.isEmpty() && (msg.isEmpty() || msg.equals("non-zero return code"))) {
            String[] lines = stderr.split("\n");
            msg = (msg.isEmpty() ? "" : msg + ": ") + lines[lines.length - 1].strip();
        }
        int newline = msg.indexOf('\n');
        return newline < 0 ? msg : msg.substring(0, newline) + " …";
    }

    /** The counts of all hosts added up. */
    public HostStats totals() {
        return hosts.values().stream().reduce(HostStats.NONE, HostStats::plus);
    }

    /** The hosts that failed or were unreachable. */
    public List<String> badHosts() {
        return hosts.entrySet().stream()
                .filter(e -> e.getValue().failures() > 0 || e.getValue().unreachable() > 0)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The play recap as a table, one host a line, with a header. */
    public List<String> table() {
        int width = Math.max(
                4, hosts.keySet().stream().mapToInt(String::length).max().orElse(0));
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(pad("HOST", width));
        for (String c : COLUMNS) {
            header.append("  ").append(c);
        }
        lines.add(header.toString());
        hosts.forEach((host, stats) -> {
            StringBuilder row = new StringBuilder(pad(host, width));
            int[] values = stats.columns();
            for (int i = 0; i < COLUMNS.length; i++) {
                row.append("  ").append(String.format(Locale.ROOT, "%" + COLUMNS[i].length() + "d", values[i]));
            }
            lines.add(row.toString());
        });
        return lines;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
