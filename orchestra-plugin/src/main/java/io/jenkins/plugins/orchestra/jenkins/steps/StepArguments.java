package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the step adapters share: a step's arguments as core reads them (plain values, nothing unset), and core's
 * validation turned into what Jenkins shows, a form message or a one-line build failure.
 */
@Restricted(NoExternalUse.class)
final class StepArguments {
    private StepArguments() {}

    /**
     * A value as a step keeps it: {@code null} for a blank text, which is what an empty form field sends, so that an
     * empty field and an absent argument are the same; any other value as it was written.
     */
    static Object value(Object value) {
        return value instanceof CharSequence s && s.toString().isBlank() ? null : value;
    }

    /** A map as a step keeps it: a copy, {@code null} for an empty one. */
    static Map<String, Object> map(Map<String, Object> value) {
        return value == null || value.isEmpty() ? null : new LinkedHashMap<>(value);
    }

    /** A kept map as a getter gives it: read-only. */
    static Map<String, Object> view(Map<String, Object> value) {
        return value == null ? null : Collections.unmodifiableMap(value);
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Adds {@code key} to core's arguments as a plain value, unless it is unset. */
    static void put(Map<String, Object> arguments, String key, Object value) {
        Object v = value(value);
        if (v != null) {
            arguments.put(key, PlainValues.copy(v));
        }
    }

    static LinkedHashMap<String, Object> arguments() {
        return new LinkedHashMap<>();
    }

    /** Core's validation as a form check: its message under the field, or nothing. */
    static FormValidation check(Runnable validation) {
        try {
            validation.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException | OrchestraException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** Core's validation at the start of a call: its one line in the build log, no stack trace. */
    static void validate(Runnable validation) throws AbortException {
        try {
            validation.run();
        } catch (IllegalArgumentException | OrchestraException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
