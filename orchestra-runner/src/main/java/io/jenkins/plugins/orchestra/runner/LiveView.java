package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.StageListener;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a terminal shows of a run: one line when a stage starts and one when it ends, with its result and duration;
 * the full log goes to the run's {@code log.txt} (and, when a stage fails, its last lines are shown at the end).
 */
final class LiveView implements StageListener {
    private static final Map<BuildResult, String> MARK = Map.of(
            BuildResult.SUCCESS, "✔",
            BuildResult.UNSTABLE, "!",
            BuildResult.FAILURE, "✘",
            BuildResult.ABORTED, "■",
            BuildResult.NOT_BUILT, "-");

    private final PrintStream terminal;

    LiveView(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Whether this process talks to a person: a terminal, and not a CI job. */
    static boolean wanted(Map<String, String> env) {
        return System.console() != null
                && !"true".equalsIgnoreCase(env.getOrDefault("CI", ""))
                && !"dumb".equals(env.get("TERM"));
    }

    @Override
    public void started(ExecutionContext context, String stage) {
        terminal.println("▶ " + name(context.branch(), stage));
    }

    @Override
    public void ended(StageRecord r) {
        String result = r.result() == BuildResult.NOT_BUILT
                ? "skipped"
                : r.result().name().toLowerCase(java.util.Locale.ROOT);
        terminal.println(MARK.get(r.result()) + " " + name(r.branch(), r.name()) + "  " + result + "  "
                + Durations.format(r.duration()) + (r.error() == null ? "" : "  " + r.error()));
    }

    private static String name(String branch, String stage) {
        return branch == null || branch.equals(stage) ? stage : branch + " » " + stage;
    }
}
