package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a pipeline or a stage asks to run: {@code agent any}, {@code agent none}, {@code agent { label 'linux' }},
 * {@code agent { node { label 'x'; customWorkspace 'y' } }}, or another kind such as {@code docker}, kept by name.
 *
 * @param kind the kind of agent
 * @param type the agent type as written: {@code any}, {@code label}, {@code docker}…
 * @param settings its settings: {@code label 'x'} gives {@code label=x}, {@code docker 'maven:3'} gives {@code
 *     docker=maven:3}, a block gives one entry per line
 * @param at where the {@code agent} section starts
 */
public record Agent(Kind kind, String type, Map<String, String> settings, Position at) {
    /** The kinds of agent; {@link #OTHER} is any type a plugin might provide. */
    public enum Kind {
        ANY,
        NONE,
        LABEL,
        NODE,
        DOCKER,
        DOCKERFILE,
        KUBERNETES,
        OTHER;

        static Kind of(String type) {
            return switch (type) {
                case "any" -> ANY;
                case "none" -> NONE;
                case "label" -> LABEL;
                case "node" -> NODE;
                case "docker" -> DOCKER;
                case "dockerfile" -> DOCKERFILE;
                case "kubernetes" -> KUBERNETES;
                default -> OTHER;
            };
        }
    }

    public Agent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        Objects.requireNonNull(at, "at");
    }

    /** The label the agent must have, for {@code label} and {@code node} agents. */
    public Optional<String> label() {
        return Optional.ofNullable(settings.get("label"));
    }
}
