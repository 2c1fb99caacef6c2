package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The coordinator's commands as the glue reads them from {@code orchestraAwait}: maps with a {@code command} key
 * ({@code start}, {@code evaluate}, {@code approve}, {@code rollback}, {@code skip}, {@code done}), the same maps the
 * runner's host gives. They wait in the inbox as JSON and reach the Pipeline program as plain maps.
 */
@Restricted(NoExternalUse.class)
final class Commands {
    static final String START = "start";
    static final String EVALUATE = "evaluate";
    static final String APPROVE = "approve";
    static final String ROLLBACK = "rollback";
    static final String SKIP = "skip";
    static final String DONE = "done";

    private Commands() {}

    /** Whether the glue reports back after this command, so that the stage's branch is busy until it does. */
    static boolean awaitsReport(String kind) {
        return kind.equals(START) || kind.equals(EVALUATE) || kind.equals(APPROVE) || kind.equals(ROLLBACK);
    }

    static Map<String, Object> start(Command.StartStage start) {
        Map<String, Object> c = command(START);
        c.put("attempt", start.attempt());
        c.put("inputs", PlainValues.copy(start.inputs()));
        start.deadline().ifPresent(d -> c.put("deadline", d.toEpochMilli()));
        return c;
    }

    static Map<String, Object> evaluate(Command.EvaluateCondition evaluate) {
        Map<String, Object> c = command(EVALUATE);
        c.put("inputs", PlainValues.copy(evaluate.inputs()));
        return c;
    }

    static Map<String, Object> approve(ApprovalSpec approval) {
        Map<String, Object> c = command(APPROVE);
        c.put("message", approval.message());
        c.put("submitter", String.join(",", approval.approvers()));
        return c;
    }

    static Map<String, Object> rollback(Command.RunRollback rollback) {
        Map<String, Object> c = command(ROLLBACK);
        c.put("outputs", PlainValues.copy(rollback.outputs()));
        return c;
    }

    static Map<String, Object> skip(String reason) {
        Map<String, Object> c = command(SKIP);
        c.put("reason", reason);
        return c;
    }

    static Map<String, Object> done() {
        return command(DONE);
    }

    /**
     * The map handed to the glue: a stage's deadline becomes the milliseconds left now, as an int, since that is
     * what the {@code timeout} step's {@code time} takes.
     */
    static Map<String, Object> forGlue(Map<String, Object> command, Instant now) {
        Map<String, Object> c = new LinkedHashMap<>(command);
        Object deadline = c.remove("deadline");
        if (deadline instanceof Number d) {
            long left = Math.max(1, d.longValue() - now.toEpochMilli());
            c.put("timeoutMillis", (int) Math.min(Integer.MAX_VALUE, left));
        }
        return c;
    }

    static String kind(Map<String, Object> command) {
        return String.valueOf(command.get("command"));
    }

    private static Map<String, Object> command(String kind) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", kind);
        return c;
    }
}
