package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Journaled runs for hosts: {@link #start} a run that writes its journal, {@link #resume} one from its journal. The
 * journal writer is the first listener, so the other listeners hear of an event only once the journal holds it.
 */
public final class Journals {
    private Journals() {}

    /**
     * Creates the journal {@code file} and starts a run of {@code plan} that appends to it.
     *
     * @throws JournalException if {@code file} exists already or cannot be written
     */
    public static JournaledRun start(
            Path file, Plan plan, InstantSource clock, List<CoordinatorListener> listeners, Durability durability) {
        JournalWriter writer = JournalWriter.create(file, plan, durability);
        try {
            Coordinator coordinator = new Coordinator(plan, clock, withJournal(writer, listeners));
            coordinator.start();
            return new JournaledRun(coordinator, writer);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * Resumes the run of {@code plan} that journal {@code file} records, and goes on appending to it. A last line cut
     * short by a crash is cut off first; the events {@link Coordinator#resume} adds (the run resumed, the stages it
     * interrupted) are the first ones appended. {@link Coordinator#next()} says what to do first.
     *
     * @throws JournalMismatchException if the journal was written for a plan of another shape
     * @throws JournalException if the journal cannot be read or written, or a line before its last is not valid
     */
    public static JournaledRun resume(
            Path file, Plan plan, InstantSource clock, List<CoordinatorListener> listeners, Durability durability) {
        Journal journal = JournalReader.forPlan(file, plan);
        JournalWriter writer = JournalWriter.append(file, plan, durability);
        try {
            Coordinator coordinator = Coordinator.resume(plan, clock, journal.events(), withJournal(writer, listeners));
            return new JournaledRun(coordinator, writer);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** {@link #resume(Path, Plan, InstantSource, List, Durability)} with {@link Durability#FLUSH}. */
    public static JournaledRun resume(Path file, Plan plan, InstantSource clock, List<CoordinatorListener> listeners) {
        return resume(file, plan, clock, listeners, Durability.FLUSH);
    }

    /** {@link #start(Path, Plan, InstantSource, List, Durability)} with {@link Durability#FLUSH}. */
    public static JournaledRun start(Path file, Plan plan, InstantSource clock, List<CoordinatorListener> listeners) {
        return start(file, plan, clock, listeners, Durability.FLUSH);
    }

    private static List<CoordinatorListener> withJournal(JournalWriter writer, List<CoordinatorListener> listeners) {
        List<CoordinatorListener> all = new ArrayList<>(listeners.size() + 1);
        all.add(writer);
        all.addAll(listeners);
        return all;
    }
}
