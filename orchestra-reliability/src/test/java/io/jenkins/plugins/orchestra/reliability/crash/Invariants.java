package io.jenkins.plugins.orchestra.reliability.crash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.reliability.fixtures.Receiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What must hold of a delivery workspace and its hosts, after a kill and after the resume. */
final class Invariants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Invariants() {}

    /**
     * The hosts whose {@code current} is on something other than a complete release, or whose {@code releases/}
     * holds a release that is not complete, each with why. A host may have no {@code current} yet.
     */
    static List<String> brokenReleases(Path workspace, int hosts, Map<String, String> manifest) throws IOException {
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            Path base = Delivery.base(workspace, i);
            Path current = base.resolve("current");
            if (Files.isSymbolicLink(current)) {
                String target = Files.readSymbolicLink(current).toString();
                String why = completeness(base.resolve(target), manifest);
                if (why != null) {
                    broken.add("h" + i + ": current -> " + target + ": " + why);
                }
            } else if (Files.exists(current)) {
                broken.add("h" + i + ": current is not a symbolic link");
            }
            for (Path release : KillPoint.list(base.resolve("releases"))) {
                if (release.getFileName().toString().startsWith(".")) {
                    continue; // .partial-*: a release being unpacked, never linked; the next deploy removes it
                }
                String why = completeness(release, manifest);
                if (why != null) {
                    broken.add("h" + i + ": " + base.relativize(release) + ": " + why);
                }
            }
        }
        return broken;
    }

    private static String completeness(Path release, Map<String, String> manifest) throws IOException {
        if (!Files.isDirectory(release)) {
            return "not a directory";
        }
        for (Map.Entry<String, String> file : manifest.entrySet()) {
            Path f = release.resolve(file.getKey());
            if (!Files.isRegularFile(f)) {
                return file.getKey() + " is missing";
            }
            if (!Delivery.sha256(f).equals(file.getValue())) {
                return file.getKey() + " differs from the artifact";
            }
        }
        return null;
    }

    /** How often each stage's completion was recorded in {@code completed.log}. */
    static Map<String, Integer> completions(Path workspace) throws IOException {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        Delivery.STAGES.forEach(s -> counts.put(s, 0));
        Path log = workspace.resolve("completed.log");
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                counts.merge(line.strip(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The stages that the run's {@code orchestrate} journals record as succeeded (any attempt). */
    static Set<String> succeededStages(Path runDir) throws IOException {
        Set<String> stages = new java.util.TreeSet<>();
        for (Path p : KillPoint.list(runDir)) {
            String name = p.getFileName().toString();
            if (!name.startsWith("orchestrate-") || !name.endsWith(".jsonl")) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                try {
                    com.fasterxml.jackson.databind.JsonNode event = JSON.readTree(line);
                    if ("stageSucceeded".equals(event.path("type").asText())) {
                        stages.add(event.path("stage").asText());
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
                    // a last line cut by the kill: resume drops it, and so does this count
                }
            }
        }
        return stages;
    }

    /** Messages the receiver took more than once (same delivery id answered 2xx again). */
    static int duplicateMessages(Receiver receiver) {
        return receiver.deliveries().values().stream().mapToInt(n -> n - 1).sum();
    }

    /**
     * The journals of the run that cannot be read: a line that is not JSON, except a last line cut short, which a
     * crash may leave and resume drops. Returns the problems; {@code torn} collects the files with a cut last line.
     */
    static List<String> unreadableJournals(Path runDir, List<String> torn) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path p : KillPoint.list(runDir)) {
            if (!p.getFileName().toString().endsWith(".jsonl")) {
                continue;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                try {
                    JSON.readTree(lines[i]);
                } catch (JsonProcessingException e) {
                    if (i == lines.length - 1 && !text.endsWith("\n")) {
                        torn.add(p.getFileName().toString());
                    } else {
                        problems.add(p.getFileName() + ":" + (i + 1) + ": not JSON");
                    }
                }
            }
        }
        return problems;
    }
}
