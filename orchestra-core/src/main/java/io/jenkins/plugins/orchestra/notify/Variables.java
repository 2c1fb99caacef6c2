package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables a message's templates see, made from a {@link RunContext}. */
final class Variables {
    /** At most this many changes are listed; the rest are counted. */
    static final int MAX_CHANGES = 10;

    private Variables() {}

    static Map<String, Object> of(RunContext run, String channel, String event, List<String> logTail) {
        Map<String, Object> v = new LinkedHashMap<>();
        Outcome status = run.status();
        v.put("status", status.name());
        v.put("success", status == Outcome.SUCCESS);
        v.put("unstable", status == Outcome.UNSTABLE);
        v.put("failure", status == Outcome.FAILURE);
        v.put("aborted", status == Outcome.ABORTED);
        v.put("notBuilt", status == Outcome.NOT_BUILT);
        v.put("previousStatus", run.previous().map(Enum::name).orElse(null));
        v.put("fixed", Condition.FIXED.holds(status, run.previous()));
        v.put("stillFailing", Condition.STILL_FAILING.holds(status, run.previous()));
        v.put("regression", Condition.REGRESSION.holds(status, run.previous()));
        v.put("changed", Condition.CHANGED.holds(status, run.previous()));
        v.put("job", run.run().job());
        v.put("number", run.run().number());
        v.put("run", run.run().job() + " #" + run.run().number());
        v.put("runId", run.run().id());
        v.put("url", run.run().link().orElse(null));
        v.put("user", run.run().user());
        v.put("duration", Durations.format(run.duration()));
        v.put("durationMillis", run.duration().toMillis());
        v.put("failingStage", run.failingStage().map(s -> failing(s, logTail)).orElse(null));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (RunContext.Stage s : run.stages()) {
            stages.add(stage(s));
        }
        v.put("stages", Collections.unmodifiableList(stages));
        v.put("hasStages", !stages.isEmpty());
        v.put("version", run.version());
        v.put("target", run.target());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (RunContext.Change c :
                run.changes().subList(0, Math.min(MAX_CHANGES, run.changes().size()))) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("id", c.id());
            change.put("shortId", c.id().length() > 8 ? c.id().substring(0, 8) : c.id());
            change.put("author", c.author());
            change.put("message", firstLine(c.message()));
            changes.add(change);
        }
        v.put("changes", Collections.unmodifiableList(changes));
        v.put("hasChanges", !changes.isEmpty());
        v.put("moreChanges", run.changes().size() > MAX_CHANGES ? run.changes().size() - MAX_CHANGES : null);
        v.put("channel", channel);
        v.put("event", event);
        return v;
    }

    private static Map<String, Object> failing(RunContext.Stage s, List<String> logTail) {
        Map<String, Object> stage = stage(s);
        stage.put("log", logTail.isEmpty() ? null : String.join("\n", logTail));
        stage.put("logLines", logTail);
        return stage;
    }

    private static Map<String, Object> stage(RunContext.Stage s) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", s.name());
        stage.put("branch", s.branch());
        stage.put(
                "status",
                s.status() == Outcome.NOT_BUILT ? "SKIPPED" : s.status().name());
        stage.put("icon", icon(s.status()));
        stage.put("duration", Durations.format(s.duration()));
        stage.put("error", s.error());
        return stage;
    }

    static String icon(Outcome status) {
        return switch (status) {
            case SUCCESS -> "✅";
            case UNSTABLE -> "⚠️";
            case FAILURE -> "❌";
            case NOT_BUILT -> "⏭️";
            case ABORTED -> "⏹️";
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
