package io.jenkins.plugins.orchestra.runner.resume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.IOException;
import java.util.Objects;

/**
 * One line of {@code steps.jsonl}: a completed step call and its outcome. Examples:
 *
 * <pre>
 * {"key":"main#3","step":"sh","value":"4.2.1\n"}
 * {"key":"Checks/Unit#2","step":"sh","error":{"message":"script returned exit code 1","interrupted":false}}
 * {"key":"main#5","step":"input","error":{"message":"Rejected by bob","interrupted":true,"result":"ABORTED"}}
 * {"key":"main#6","step":"credentials","rerun":"its result holds a secret"}
 * </pre>
 *
 * @param key the call's place in the run: the {@code parallel} branch path of its thread ({@code main} outside any)
 *     and the number of the call among that branch's step calls
 */
record JournalEntry(String key, String step, Outcome outcome) {

    JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How a call ended, as far as a resumed run can get it back. */
    sealed interface Outcome permits Value, Failure, Rerun {}

    /** The call returned this JSON value. */
    record Value(JsonNode json) implements Outcome {}

    /**
     * The call failed with a step error.
     *
     * @param interrupted the result of a {@link FlowInterruptedException}, or {@code null} for another step error
     */
    record Failure(String message, BuildResult interrupted) implements Outcome {
        StepException exception() {
            return interrupted == null
                    ? new StepException(message)
                    : new FlowInterruptedException(interrupted, message);
        }
    }

    /** The call completed, but what it returned or threw cannot be given back: a resumed run runs it again. */
    record Rerun(String reason) implements Outcome {}

    /** The branch path part of {@link #key}. */
    String branch() {
        return key.substring(0, key.lastIndexOf('#'));
    }

    /** The sequence number part of {@link #key}. */
    int sequence() {
        return Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
    }

    String toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("key", key);
        line.put("step", step);
        if (outcome instanceof Value v) {
            line.set("value", v.json());
        } else if (outcome instanceof Failure f) {
            ObjectNode error = line.putObject("error");
            error.put("message", f.message());
            error.put("interrupted", f.interrupted() != null);
            if (f.interrupted() != null) {
                error.put("result", f.interrupted().name());
            }
        } else if (outcome instanceof Rerun r) {
            line.put("rerun", r.reason());
        }
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** Reads a line; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static JournalEntry parse(String text) {
        JsonNode line;
        try {
            line = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (line == null || !line.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String key = text(line, "key");
        if (!key.matches(".*#[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("key must be <branch>#<number>, was '" + key + "'");
        }
        String step = text(line, "step");
        Outcome outcome;
        if (line.has("value")) {
            outcome = new Value(line.get("value"));
        } else if (line.has("error")) {
            JsonNode error = line.get("error");
            BuildResult result = null;
            if (error.path("interrupted").asBoolean(false)) {
                try {
                    result = BuildResult.valueOf(error.path("result").asText(""));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "error.result must be a build result, was '"
                                    + error.path("result").asText("") + "'",
                            e);
                }
            }
            outcome = new Failure(error.path("message").asText(""), result);
        } else if (line.has("rerun")) {
            outcome = new Rerun(line.get("rerun").asText(""));
        } else {
            throw new IllegalArgumentException("has no value, error or rerun");
        }
        return new JournalEntry(key, step, outcome);
    }

    private static String text(JsonNode line, String field) {
        JsonNode v = line.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, was " + v);
        }
        return v.asText();
    }

    /** Jackson takes a tenth of a second to start in a fresh JVM: not at the run's start, but at its first record. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
