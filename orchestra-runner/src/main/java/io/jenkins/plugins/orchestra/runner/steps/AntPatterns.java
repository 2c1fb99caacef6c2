package io.jenkins.plugins.orchestra.runner.steps;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ant-style file patterns as Jenkins steps take them: {@code 'build/*.jar, **}{@code /*.txt'}, comma-separated,
 * relative to a directory; {@code **} matches any number of directories, including none.
 */
final class AntPatterns {
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;

    AntPatterns(String includes, String excludes) {
        this.includes = matchers(includes == null || includes.isBlank() ? "**" : includes);
        this.excludes = matchers(excludes == null ? "" : excludes);
    }

    /** The regular files under {@code base} that match, relative to it, in a stable order. */
    List<Path> files(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(base)) {
            return all.filter(Files::isRegularFile)
                    .map(base::relativize)
                    .filter(p -> !p.startsWith(".orchestra"))
                    .filter(p -> matches(includes, p) && !matches(excludes, p))
                    .sorted()
                    .toList();
        }
    }

    private static boolean matches(List<PathMatcher> matchers, Path p) {
        return matchers.stream().anyMatch(m -> m.matches(p));
    }

    private static List<PathMatcher> matchers(String patterns) {
        List<PathMatcher> out = new ArrayList<>();
        for (String raw : patterns.split(",")) {
            String pattern = raw.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.endsWith("/")) {
                pattern = pattern + "**";
            }
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
            String rest = pattern;
            while (rest.startsWith("**/")) {
                rest = rest.substring(3);
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + rest));
            }
            if (pattern.endsWith("/**")) {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(0, pattern.length() - 3)));
            }
        }
        return out;
    }
}
