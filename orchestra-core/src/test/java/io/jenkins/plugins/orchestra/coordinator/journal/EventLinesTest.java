package io.jenkins.plugins.orchestra.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import org.junit.jupiter.api.Test;

class EventLinesTest {
    @Test
    void givesBackEveryEventItEncoded() {
        for (CoordinatorEvent event : JournalFixtures.oneOfEach(true)) {
            String line = EventLines.encode(event);

            assertThat(line).doesNotContain("\n");
            assertThat(EventLines.decode(line)).isEqualTo(event);
        }
    }

    @Test
    void refusesALineThatIsNotAnEventSayingWhy() {
        assertThatThrownBy(() -> EventLines.decode("{\"type\":\"stageStarted\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an Orchestra event: ");
    }
}
