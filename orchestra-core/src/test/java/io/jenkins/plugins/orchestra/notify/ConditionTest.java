package io.jenkins.plugins.orchestra.notify;

import static io.jenkins.plugins.orchestra.notify.Outcome.ABORTED;
import static io.jenkins.plugins.orchestra.notify.Outcome.FAILURE;
import static io.jenkins.plugins.orchestra.notify.Outcome.SUCCESS;
import static io.jenkins.plugins.orchestra.notify.Outcome.UNSTABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionTest {
    @Test
    void fixedNeedsASuccessAfterAFailureOrAnUnstableRun() {
        assertThat(Condition.FIXED.holds(SUCCESS, Optional.of(FAILURE))).isTrue();
        assertThat(Condition.FIXED.holds(SUCCESS, Optional.of(UNSTABLE))).isTrue();
        assertThat(Condition.FIXED.holds(SUCCESS, Optional.of(SUCCESS))).isFalse();
        assertThat(Condition.FIXED.holds(SUCCESS, Optional.of(ABORTED))).isFalse();
        assertThat(Condition.FIXED.holds(SUCCESS, Optional.empty())).isFalse();
        assertThat(Condition.FIXED.holds(FAILURE, Optional.of(FAILURE))).isFalse();
    }

    @Test
    void stillFailingNeedsTwoFailuresInARow() {
        assertThat(Condition.STILL_FAILING.holds(FAILURE, Optional.of(FAILURE))).isTrue();
        assertThat(Condition.STILL_FAILING.holds(FAILURE, Optional.of(SUCCESS))).isFalse();
        assertThat(Condition.STILL_FAILING.holds(FAILURE, Optional.empty())).isFalse();
    }

    @Test
    void changedHoldsForAnotherOutcomeAndForTheFirstRun() {
        assertThat(Condition.CHANGED.holds(FAILURE, Optional.of(SUCCESS))).isTrue();
        assertThat(Condition.CHANGED.holds(SUCCESS, Optional.of(SUCCESS))).isFalse();
        assertThat(Condition.CHANGED.holds(SUCCESS, Optional.empty())).isTrue();
    }

    @Test
    void readsNamesListsAndTheSpellingsUsersWrite() {
        assertThat(Condition.parse("failure")).containsExactly(Condition.FAILURE);
        assertThat(Condition.parse("failure, fixed")).containsExactly(Condition.FAILURE, Condition.FIXED);
        assertThat(Condition.parse(List.of("stillFailing", "STILL_FAILING", "still-failing")))
                .containsExactly(Condition.STILL_FAILING);
    }

    @Test
    void refusesAnUnknownConditionSuggestingTheClosest() {
        assertThatThrownBy(() -> Condition.parse("falure"))
                .hasMessage("when must be one of always, success, failure, unstable, aborted, unsuccessful, fixed,"
                        + " still-failing, regression, changed, was 'falure' (did you mean 'failure'?)");
    }
}
