package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.console.ConsoleNote;
import io.jenkins.plugins.orchestra.jenkins.graph.BlockLog;
import io.jenkins.plugins.orchestra.jenkins.graph.FlowStages;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A build's logs as core's {@link RunLogs}: a stage's own log is the log of the steps inside its block of the flow
 * graph (of the failed one when several stages share the name); a stage with none, or no stage, reads the build log.
 */
@Restricted(NoExternalUse.class)
final class FlowLogs implements RunLogs {
    private static final Logger LOGGER = Logger.getLogger(FlowLogs.class.getName());

    private final FlowExecution execution;
    private final List<FlowStages.Found> stages;
    private final RunLogs build;

    FlowLogs(FlowExecution execution, List<FlowStages.Found> stages, RunLogs build) {
        this.execution = execution;
        this.stages = List.copyOf(stages);
        this.build = build;
    }

    @Override
    public List<String> tail(String stage, int lines) {
        Optional<BlockLog> log = log(stage);
        if (log.isPresent() && lines > 0) {
            try {
                List<String> kept = new ArrayList<>(log.get().tail(lines * 3 + 20));
                kept.removeIf(BuildLogs::isStepMarker);
                if (!kept.isEmpty()) {
                    return List.copyOf(kept.subList(Math.max(0, kept.size() - lines), kept.size()));
                }
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "cannot read the log of stage " + stage, e);
            }
        }
        return build.tail(stage, lines);
    }

    @Override
    public Optional<LogExcerpt> excerpt(String stage, int maxBytes) {
        Optional<BlockLog> log = log(stage);
        if (log.isPresent() && maxBytes > 0) {
            try {
                long size = log.get().size();
                long from = Math.max(0, size - maxBytes);
                byte[] bytes = log.get().read(from, (int) (size - from));
                String text = ConsoleNote.removeNotes(new String(bytes, StandardCharsets.UTF_8));
                if (from > 0) {
                    text = text.substring(text.indexOf('\n') + 1); // from a line start
                }
                if (!text.isBlank()) {
                    return Optional.of(new LogExcerpt(stage + ".log", text, from > 0));
                }
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "cannot read the log of stage " + stage, e);
            }
        }
        return build.excerpt(stage, maxBytes);
    }

    private Optional<BlockLog> log(String stage) {
        return stages.stream()
                .filter(found -> found.stage().name().equals(stage))
                .min(Comparator.comparing(found -> found.stage().status() == Outcome.FAILURE ? 0 : 1))
                .map(found -> BlockLog.of(execution, found.start()));
    }
}
