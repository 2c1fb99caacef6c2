package io.jenkins.plugins.orchestra.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Commands run on each host around the switch: {@code before} in the new release's directory once it is unpacked
 * and before it goes live, {@code after} in {@code current} once it is live (restart a service, say), and again after
 * a rollback. Each sees {@code DEPLOY_VERSION}, {@code DEPLOY_PREVIOUS_VERSION}, {@code DEPLOY_HOST}, {@code
 * DEPLOY_BASE} and {@code DEPLOY_RELEASE_DIR}. A hook that exits non-zero fails the host.
 *
 * @param timeout how long each command may run, 10 minutes by default
 */
public record Hooks(List<String> before, List<String> after, Duration timeout) {
    static final Set<String> KEYS = Set.of("before", "after", "timeout");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public Hooks {
        before = List.copyOf(before);
        after = List.copyOf(after);
        Objects.requireNonNull(timeout, "timeout");
        for (String c : before) {
            if (c.isBlank()) {
                throw new IllegalArgumentException("deploy: hooks.before must not hold a blank command");
            }
        }
        for (String c : after) {
            if (c.isBlank()) {
                throw new IllegalArgumentException("deploy: hooks.after must not hold a blank command");
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("deploy: hooks.timeout must be positive, was " + timeout);
        }
    }

    public static Hooks none() {
        return new Hooks(List.of(), List.of(), DEFAULT_TIMEOUT);
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    static Hooks parse(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("deploy: hooks must be a map such as [before: ['…'], after: ['…']],"
                    + " was " + Args.describe(value));
        }
        Args a = Args.of("hooks", map, KEYS);
        return new Hooks(
                a.strings("before"), a.strings("after"), a.duration("timeout").orElse(DEFAULT_TIMEOUT));
    }
}
