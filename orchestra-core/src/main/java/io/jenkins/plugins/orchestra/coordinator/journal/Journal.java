package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import java.util.List;
import java.util.Objects;

/**
 * What a journal file holds.
 *
 * @param header which plan the run is of
 * @param events every complete event line, in order
 * @param tornTail whether the file ended in a line cut short (the process or machine stopped while writing it); that
 *     line is not among the events
 */
public record Journal(JournalHeader header, List<CoordinatorEvent> events, boolean tornTail) {
    public Journal {
        Objects.requireNonNull(header, "header");
        events = List.copyOf(events);
    }
}
