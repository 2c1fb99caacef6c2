package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import java.io.Closeable;
import java.util.Objects;

/**
 * A coordinator whose events go to a journal. Drive {@link #coordinator()}; close the run once it is finished or the
 * host stops, which closes the journal.
 *
 * @param coordinator the run
 * @param journal the writer of its journal, already among the coordinator's listeners
 */
public record JournaledRun(Coordinator coordinator, JournalWriter journal) implements Closeable {
    public JournaledRun {
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(journal, "journal");
    }

    @Override
    public void close() {
        journal.close();
    }
}
