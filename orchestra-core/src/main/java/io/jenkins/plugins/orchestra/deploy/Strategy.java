package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.util.Arrays;
import java.util.List;

/** How a release reaches a target's hosts. */
public enum Strategy {
    /** Every host at once, at most {@code maxParallel} at a time. */
    ALL("all"),
    /** In batches of {@code batch} hosts (a count or a percentage), each healthy before the next starts. */
    ROLLING("rolling"),
    /** The first {@code canary} hosts, checked (and approved, or paused on), then the rest. */
    CANARY("canary"),
    /** Into the idle one of two slots ({@code blue}, {@code green}) on every host, checked, then switched. */
    BLUE_GREEN("blueGreen");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    /** The name users write. */
    public String id() {
        return id;
    }

    static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.id.equals(text)) {
                return s;
            }
        }
        List<String> ids = Arrays.stream(values()).map(Strategy::id).toList();
        String hint = Suggestions.closest(text, ids)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        throw new IllegalArgumentException(
                "deploy: strategy must be one of " + String.join(", ", ids) + ", was '" + text + "'" + hint);
    }

    @Override
    public String toString() {
        return id;
    }
}
