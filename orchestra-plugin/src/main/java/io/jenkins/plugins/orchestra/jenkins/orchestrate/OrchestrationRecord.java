package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.journal.EventLines;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One {@code orchestrate} block of a build as {@code build.xml} keeps it: strings only (the declaration as JSON, the
 * coordinator's events as journal lines, the commands not yet handed to their branch as JSON), so that XStream reads
 * it back whatever core's records become. The live coordinator is rebuilt from it after a restart. Concurrent
 * collections, because the build may be saved by another thread while the coordinator appends.
 */
@Restricted(NoExternalUse.class)
final class OrchestrationRecord {
    private String id;
    private String plan;
    private CopyOnWriteArrayList<String> events = new CopyOnWriteArrayList<>();
    /** Stage name to the commands waiting for its branch's next {@code orchestraAwait}. */
    private ConcurrentHashMap<String, CopyOnWriteArrayList<String>> inbox = new ConcurrentHashMap<>();
    /** Stage name to the kind of command its branch is carrying out, until it reports. */
    private ConcurrentHashMap<String, String> busy = new ConcurrentHashMap<>();
    /** Stage name to the id of the flow node that starts its {@code parallel} branch. */
    private ConcurrentHashMap<String, String> branches = new ConcurrentHashMap<>();

    private volatile boolean finished;

    OrchestrationRecord(String id, String plan) {
        this.id = id;
        this.plan = plan;
    }

    /** XStream does not run constructors or initialisers: a field missing from the file is null. */
    Object readResolve() {
        if (events == null) {
            events = new CopyOnWriteArrayList<>();
        }
        if (inbox == null) {
            inbox = new ConcurrentHashMap<>();
        }
        if (busy == null) {
            busy = new ConcurrentHashMap<>();
        }
        if (branches == null) {
            branches = new ConcurrentHashMap<>();
        }
        return this;
    }

    String id() {
        return id;
    }

    String plan() {
        return plan;
    }

    void append(CoordinatorEvent event) {
        events.add(EventLines.encode(event));
    }

    List<CoordinatorEvent> events() {
        return events.stream().map(EventLines::decode).toList();
    }

    /** The events so far, each read from its line only when asked for: the Orchestration page reads the new ones. */
    List<CoordinatorEvent> eventsAsRead() {
        List<String> lines = List.copyOf(events);
        return new AbstractList<>() {
            @Override
            public CoordinatorEvent get(int index) {
                return EventLines.decode(lines.get(index));
            }

            @Override
            public int size() {
                return lines.size();
            }
        };
    }

    List<String> inbox(String stage) {
        return inbox.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>());
    }

    Map<String, String> busy() {
        return busy;
    }

    Map<String, String> branches() {
        return branches;
    }

    boolean isFinished() {
        return finished;
    }

    void finished() {
        finished = true;
    }
}
