package io.jenkins.plugins.orchestra.reliability.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A workspace inside a directory of its own, so that a file written outside the workspace shows too. {@link #changes()}
 * lists what was created, changed or deleted since {@link #snapshot()}, apart from the run records under {@code
 * .orchestra/runs} (a run that fails keeps its log, as it should).
 */
final class Sandbox {
    private final Path root;
    private final Path workspace;
    private Map<String, String> before = Map.of();

    Sandbox(Path root) throws IOException {
        this.root = root;
        this.workspace = Files.createDirectories(root.resolve("ws"));
    }

    Path root() {
        return root;
    }

    Path workspace() {
        return workspace;
    }

    Path write(String relative, String text) throws IOException {
        Path f = workspace.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    Sandbox snapshot() {
        before = state();
        return this;
    }

    /** What changed since the snapshot, outside the run records: {@code + path}, {@code ~ path}, {@code - path}. */
    List<String> changes() {
        Map<String, String> after = state();
        List<String> changes = new ArrayList<>();
        after.forEach((p, s) -> {
            if (!before.containsKey(p)) {
                changes.add("+ " + p);
            } else if (!before.get(p).equals(s)) {
                changes.add("~ " + p);
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(p -> changes.add("- " + p));
        return changes;
    }

    private Map<String, String> state() {
        Map<String, String> state = new TreeMap<>();
        Path runs = workspace.resolve(".orchestra").resolve("runs");
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !p.startsWith(runs) && !p.equals(runs.getParent()) && !p.equals(root))
                    .forEach(p -> state.put(root.relativize(p).toString(), describe(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "-> " + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return "dir";
            }
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "gone";
        }
    }
}
