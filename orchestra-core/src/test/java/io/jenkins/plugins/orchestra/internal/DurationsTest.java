package io.jenkins.plugins.orchestra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsUnitsIsoAndBareSeconds() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void rejectsDurationsTooLongToHoldAsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse("99999999999999999999s"))
                .withMessage("'99999999999999999999s' is too long for a duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse("999999999999999999d"))
                .withMessage("'999999999999999999d' is too long for a duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse("99999999999999999999"))
                .withMessage("'99999999999999999999' is too long for a duration");
    }

    @Test
    void formatsDurationsPastTheRangeOfMilliseconds() {
        assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("2562047788015215h30m");
        assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Durations.format(Duration.ofMillis(12_345))).isEqualTo("12.3s");
        assertThat(Durations.format(Duration.ofSeconds(245))).isEqualTo("4m05s");
        assertThat(Durations.format(Duration.ofMinutes(123))).isEqualTo("2h03m");
        assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5.0s");
    }
}
