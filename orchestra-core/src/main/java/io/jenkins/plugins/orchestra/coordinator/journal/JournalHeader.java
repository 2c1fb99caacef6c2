package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.util.List;
import java.util.Objects;

/**
 * The first line of a journal: which plan the run is of.
 *
 * @param plan the plan's name
 * @param fingerprint the plan's {@link Plan#fingerprint() fingerprint}; a journal resumes only a plan of the same one
 * @param stages the plan's stage names in plan order, so that a refusal can say what changed
 */
public record JournalHeader(String plan, String fingerprint, List<String> stages) {
    public JournalHeader {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(fingerprint, "fingerprint");
        stages = List.copyOf(stages);
    }

    /** The header of a journal of {@code plan}. */
    public static JournalHeader of(Plan plan) {
        return new JournalHeader(
                plan.name(),
                plan.fingerprint(),
                plan.stages().stream().map(StageSpec::name).toList());
    }
}
