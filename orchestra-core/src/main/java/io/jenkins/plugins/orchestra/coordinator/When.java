package io.jenkins.plugins.orchestra.coordinator;

import java.util.Objects;
import java.util.Optional;

/**
 * When a stage runs, once everything it needs has ended.
 *
 * @param trigger the outcomes of its needs that let it run
 * @param condition a predicate the host evaluates over upstream outputs and run parameters (its source text, for
 *     display); the stage runs only if the trigger holds and the predicate is true
 */
public record When(Trigger trigger, Optional<String> condition) {
    /** The default: run when every need succeeded. */
    public static final When SUCCESS = new When(Trigger.SUCCESS, Optional.empty());

    public When {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(condition, "condition");
        if (condition.isPresent() && condition.get().isBlank()) {
            throw InvalidPlanException.ofField("when.condition", "must not be blank");
        }
    }

    public static When of(Trigger trigger) {
        return new When(trigger, Optional.empty());
    }

    public When withCondition(String source) {
        return new When(trigger, Optional.of(source));
    }

    /** The outcomes of a stage's needs that let it run. */
    public enum Trigger {
        /** Every need succeeded (an ignored failure counts as success). */
        SUCCESS,
        /** At least one need failed or was aborted. */
        FAILURE,
        /** Whatever the needs' outcomes. */
        ALWAYS;

        public String userName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Trigger fromUserName(String field, String text) {
            for (Trigger t : values()) {
                if (t.userName().equalsIgnoreCase(text.strip())) {
                    return t;
                }
            }
            throw InvalidPlanException.ofField(field, "must be success, failure or always, was '" + text + "'");
        }
    }
}
