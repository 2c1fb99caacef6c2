package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The checks a {@link Plan} makes of itself, for plans built in code rather than parsed. */
class PlanTest {
    @Test
    void rejectsDuplicateNamesByPosition() {
        assertThat(problems(() -> Plan.of("p", StageSpec.of("db"), StageSpec.of("app"), StageSpec.of("db"))))
                .containsExactly("stage 'db': name is used by more than one stage (stages 1 and 3)");
    }

    @Test
    void rejectsUnknownNeedSuggestingTheClosest() {
        assertThat(problems(() -> Plan.of("p", StageSpec.of("database"), StageSpec.of("deploy", "databse"))))
                .containsExactly("stage 'deploy': needs names unknown stage 'databse' (did you mean 'database'?)");
    }

    @Test
    void rejectsCycleInRunOrder() {
        assertThat(problems(() -> Plan.of("p", StageSpec.of("a", "c"), StageSpec.of("b", "a"), StageSpec.of("c", "b"))))
                .containsExactly("stage 'a': needs closes a cycle: a → b → c → a");
    }

    @Test
    void rejectsNegativeMaxParallelBlankNameAndNoStages() {
        assertThat(problems(() -> new Plan(" ", List.of(), -1, false)))
                .containsExactly(
                        "name is required",
                        "maxParallel must be at least 1, was -1",
                        "stages must contain at least one stage");
    }

    private static List<String> problems(ThrowingCallable build) {
        InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, build);
        assertThat(e).as("an invalid plan").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }
}
