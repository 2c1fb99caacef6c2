package io.jenkins.plugins.orchestra.runner.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The runner's configuration of named things a Jenkinsfile refers to ({@code targets} for {@code deploy},
 * {@code channels} for {@code notify}): {@code orchestra.yaml} in the workspace, over {@code config.yaml} in the
 * user's Orchestra directory ({@code $ORCHESTRA_HOME}, else {@code ~/.orchestra}). An entry of the workspace file
 * replaces the user file's entry of the same name whole.
 *
 * <pre>
 * targets:
 *   web:
 *     kind: ssh
 *     hosts: [web1.example.com, web2.example.com]
 *     base: /srv/app
 * channels:
 *   releases:
 *     kind: slack
 *     credentialsId: slack-bot
 * </pre>
 */
public final class ProjectConfig {
    public static final String FILE_NAME = "orchestra.yaml";

    /** The sections a file may have; any other name is a mistake, refused rather than ignored. */
    static final Set<String> SECTIONS = Set.of("targets", "channels");

    private final List<Path> files;
    private Map<String, Map<String, Map<String, Object>>> sections;

    private ProjectConfig(List<Path> files) {
        this.files = files;
    }

    /** The configuration for a run in {@code workspace}; files are read on first use, not before. */
    public static ProjectConfig forWorkspace(Path workspace, Map<String, String> environment) {
        List<Path> files = new ArrayList<>();
        files.add(userDirectory(environment).resolve("config.yaml"));
        files.add(workspace.resolve(FILE_NAME));
        return new ProjectConfig(files);
    }

    /** The configuration in these files, later ones overriding earlier ones by entry name. */
    public static ProjectConfig of(List<Path> files) {
        return new ProjectConfig(List.copyOf(files));
    }

    static Path userDirectory(Map<String, String> environment) {
        String home = environment.get("ORCHESTRA_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".orchestra");
    }

    /**
     * The named entries of {@code section}, empty if no file configures it.
     *
     * @throws ConfigException if a file is not valid YAML or not shaped as sections of named maps
     */
    public synchronized Map<String, Map<String, Object>> section(String section) {
        if (sections == null) {
            sections = load();
        }
        return sections.getOrDefault(section, Map.of());
    }

    private Map<String, Map<String, Map<String, Object>>> load() {
        Map<String, Map<String, Map<String, Object>>> merged = new LinkedHashMap<>();
        for (Path file : files) {
            read(file)
                    .ifPresent(content -> content.forEach(
                            (section, entries) -> merged.computeIfAbsent(section, s -> new LinkedHashMap<>())
                                    .putAll(entries)));
        }
        Map<String, Map<String, Map<String, Object>>> frozen = new LinkedHashMap<>();
        merged.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static boolean notUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.CharConversionException) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Map<String, Map<String, Object>>>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Object root;
        try {
            root = new ObjectMapper(new YAMLFactory())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readValue(file.toFile(), Object.class);
        } catch (JsonProcessingException e) {
            if (notUtf8(e)) {
                throw new ConfigException(file + ": not UTF-8 text; save it as UTF-8");
            }
            throw new ConfigException(file + yamlProblem(e));
        } catch (java.io.CharConversionException e) {
            throw new ConfigException(file + ": not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null) {
            return Optional.of(Map.of());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException(file + ": expected sections such as 'targets:' and 'channels:' at the top");
        }
        Map<String, Map<String, Map<String, Object>>> content = new LinkedHashMap<>();
        for (Map.Entry<?, ?> section : top.entrySet()) {
            String name = String.valueOf(section.getKey());
            if (!SECTIONS.contains(name)) {
                int line = lineOfSection(file, name);
                throw new ConfigException(file + (line > 0 ? ":" + line : "") + ": unknown section '" + show(name)
                        + "'"
                        + Suggestions.closest(name, SECTIONS)
                                .map(m -> " (did you mean '" + m + "'?)")
                                .orElse("")
                        + "; the sections are targets and channels");
            }
            if (section.getValue() == null) {
                continue;
            }
            if (!(section.getValue() instanceof Map<?, ?> entries)) {
                throw new ConfigException(
                        file + ": '" + name + "' must map names to settings, was " + describe(section.getValue()));
            }
            Map<String, Map<String, Object>> named = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                String entryName = String.valueOf(entry.getKey());
                if (!(entry.getValue() instanceof Map<?, ?> settings)) {
                    throw new ConfigException(file + ": " + name + "." + entryName + " must be a map of settings, was "
                            + describe(entry.getValue()));
                }
                named.put(entryName, Collections.unmodifiableMap((Map<String, Object>) settings));
            }
            content.put(name, named);
        }
        return Optional.of(content);
    }

    /** The line a top-level key is on, or 0 if it cannot be found. */
    private static int lineOfSection(Path file, String name) {
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1 && name.equals(parser.currentName())) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            // the file was read a moment ago; without a line the message still names the section
        }
        return 0;
    }

    private static String show(String value) {
        String line = value.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 60 ? line.substring(0, 60) + "… (" + value.length() + " characters)" : line;
    }

    /** {@code :line: not valid YAML: problem}, on one line. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return ":" + (marked.getProblemMark().getLine() + 1) + ": not valid YAML: " + marked.getProblem();
        }
        JsonLocation at = e.getLocation();
        String line = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
        return line + ": not valid YAML: "
                + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        return value == null ? "empty" : "'" + value + "'";
    }
}
