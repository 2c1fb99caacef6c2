package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a notification is sent ({@code when:}), over the run's outcome so far and the previous run's, with the meaning
 * of Declarative's {@code post} conditions of the same names.
 */
public enum Condition {
    /** Whatever the outcome. */
    ALWAYS("always"),
    SUCCESS("success"),
    FAILURE("failure"),
    UNSTABLE("unstable"),
    ABORTED("aborted"),
    /** Anything but success. */
    UNSUCCESSFUL("unsuccessful"),
    /** Success after a previous run that failed or was unstable. */
    FIXED("fixed"),
    /** Failure after a previous run that failed too. */
    STILL_FAILING("still-failing"),
    /** Failure, unstable or aborted after a previous run that succeeded. */
    REGRESSION("regression"),
    /** Another outcome than the previous run's; also the first run, which has none. */
    CHANGED("changed");

    private final String text;

    Condition(String text) {
        this.text = text;
    }

    /** The name users write: {@code still-failing}. */
    public String text() {
        return text;
    }

    public boolean holds(Outcome current, Optional<Outcome> previous) {
        return switch (this) {
            case ALWAYS -> true;
            case SUCCESS -> current == Outcome.SUCCESS;
            case FAILURE -> current == Outcome.FAILURE;
            case UNSTABLE -> current == Outcome.UNSTABLE;
            case ABORTED -> current == Outcome.ABORTED;
            case UNSUCCESSFUL -> current != Outcome.SUCCESS;
            case FIXED ->
                current == Outcome.SUCCESS
                        && previous.filter(p -> p == Outcome.FAILURE || p == Outcome.UNSTABLE)
                                .isPresent();
            case STILL_FAILING ->
                current == Outcome.FAILURE
                        && previous.filter(p -> p == Outcome.FAILURE).isPresent();
            case REGRESSION ->
                (current == Outcome.FAILURE || current == Outcome.UNSTABLE || current == Outcome.ABORTED)
                        && previous.filter(p -> p == Outcome.SUCCESS).isPresent();
            case CHANGED -> previous.map(p -> p != current).orElse(true);
        };
    }

    /** Whether any of {@code conditions} holds. */
    public static boolean any(Collection<Condition> conditions, Outcome current, Optional<Outcome> previous) {
        return conditions.stream().anyMatch(c -> c.holds(current, previous));
    }

    /**
     * Reads {@code when}: one name ({@code 'failure'}), several separated by commas, or a list of names. {@code
     * stillFailing} and {@code STILL_FAILING} read as {@code still-failing}.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static Set<Condition> parse(Object when) {
        List<Object> items = new ArrayList<>();
        if (when instanceof Collection<?> list) {
            items.addAll(list);
        } else if (when != null) {
            items.addAll(Arrays.asList(when.toString().split(",")));
        }
        Set<Condition> conditions = new LinkedHashSet<>();
        for (Object item : items) {
            conditions.add(one(String.valueOf(item)));
        }
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("when must name a condition, such as 'failure', was '" + when + "'");
        }
        return conditions;
    }

    private static Condition one(String text) {
        String normal = text.strip()
                .replaceAll("([a-z])([A-Z])", "$1-$2")
                .replace('_', '-')
                .toLowerCase(Locale.ROOT);
        for (Condition c : values()) {
            if (c.text.equals(normal)) {
                return c;
            }
        }
        List<String> names = Arrays.stream(values()).map(Condition::text).toList();
        throw new IllegalArgumentException(
                "when must be one of " + String.join(", ", names) + ", was '" + text.strip() + "'"
                        + Suggestions.closest(normal, names)
                                .map(s -> " (did you mean '" + s + "'?)")
                                .orElse(""));
    }

    @Override
    public String toString() {
        return text;
    }
}
