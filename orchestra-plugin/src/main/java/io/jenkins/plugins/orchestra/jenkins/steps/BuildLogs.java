package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.model.Run;
import io.jenkins.plugins.orchestra.notify.RunLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The build log as core's {@link RunLogs}: its last lines through {@link Run#getLog(int)}, which reads from the end
 * and drops console notes: what {@link FlowLogs} reads when a stage has no log of its own.
 */
@Restricted(NoExternalUse.class)
final class BuildLogs implements RunLogs {
    private static final Logger LOGGER = Logger.getLogger(BuildLogs.class.getName());
    /** Enough lines for an excerpt of the usual size; an email attaches at most this much. */
    private static final int EXCERPT_LINES = 2000;

    private final Run<?, ?> run;

    BuildLogs(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public List<String> tail(String stage, int lines) {
        if (lines <= 0) {
            return List.of();
        }
        List<String> kept = new ArrayList<>(read(lines * 3 + 20));
        kept.removeIf(BuildLogs::isStepMarker);
        return List.copyOf(kept.subList(Math.max(0, kept.size() - lines), kept.size()));
    }

    /** The lines Pipeline writes as each step begins tell a reader nothing in a message. */
    static boolean isStepMarker(String line) {
        return line.startsWith("[Pipeline] ") || line.contains("] [Pipeline] ");
    }

    @Override
    public Optional<LogExcerpt> excerpt(String stage, int maxBytes) {
        List<String> lines = read(EXCERPT_LINES);
        if (lines.isEmpty() || maxBytes <= 0) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        boolean truncated = lines.size() >= EXCERPT_LINES;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i) + "\n";
            bytes += line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                truncated = true;
                break;
            }
            text.insert(0, line);
        }
        return Optional.of(new LogExcerpt("build.log", text.toString(), truncated));
    }

    private List<String> read(int lines) {
        try {
            return run.getLog(lines);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot read the log of " + run, e);
            return List.of();
        }
    }
}
