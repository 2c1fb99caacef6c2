package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;

/**
 * One event as one line of JSON, the form a journal file holds it in, for a host that keeps a run's events somewhere
 * else: the Jenkins plugin keeps them with the build, as strings, and rebuilds the run from them after a restart.
 */
public final class EventLines {
    private EventLines() {}

    /** The event as a JSON object on one line, without the new line. */
    public static String encode(CoordinatorEvent event) {
        return EventCodec.encode(event);
    }

    /**
     * The event that {@link #encode} gave this line for.
     *
     * @throws IllegalArgumentException if the line is not an encoded event, saying why
     */
    public static CoordinatorEvent decode(String line) {
        try {
            return EventCodec.decode(line);
        } catch (InvalidLineException e) {
            throw new IllegalArgumentException("not an Orchestra event: " + e.getMessage(), e);
        }
    }
}
