package io.jenkins.plugins.orchestra.coordinator.journal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.AbortRequested;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalGiven;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalRejected;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalTimedOut;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunHalted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunResumed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageAborted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageFailed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageInterrupted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageQueued;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageRetrying;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSkipped;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSucceeded;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForApproval;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForLock;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.FailureKind;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON form of journal lines: each {@link CoordinatorEvent} is one object with a {@code type}, an {@code at}
 * instant and the record's fields by name; empty optionals are left out, a {@link Failure} is {@code {"kind",
 * "message"}}, constants are their lower-case names. Encoding writes no new line, so a line never spans two.
 */
final class EventCodec {
    static final String JOURNAL = "orchestra";
    static final int VERSION = 1;

    private EventCodec() {}

    // ---- encoding ---------------------------------------------------------------------------------------------

    static String encode(CoordinatorEvent event) {
        return new String(toJson(event), StandardCharsets.UTF_8);
    }

    /** The event as UTF-8 JSON without a new line. */
    static byte[] toJson(CoordinatorEvent event) {
        return write(g -> writeEvent(g, event));
    }

    static byte[] toJson(JournalHeader header) {
        return write(g -> {
            text(g, "journal", JOURNAL);
            g.writeNumberField("version", VERSION);
            text(g, "plan", header.plan());
            text(g, "fingerprint", header.fingerprint());
            texts(g, "stages", header.stages());
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JsonFields.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory does not fail", e);
        }
        return out.toByteArray();
    }

    private static void writeEvent(JsonGenerator g, CoordinatorEvent event) throws IOException {
        if (event instanceof RunStarted e) {
            head(g, "runStarted", e);
            text(g, "plan", e.plan());
            text(g, "fingerprint", e.fingerprint());
            g.writeNumberField("stages", e.stages());
        } else if (event instanceof RunResumed e) {
            head(g, "runResumed", e);
            texts(g, "interrupted", e.interrupted());
        } else if (event instanceof RunHalted e) {
            head(g, "runHalted", e);
            text(g, "stage", e.stage());
            text(g, "reason", e.reason());
        } else if (event instanceof AbortRequested e) {
            head(g, "abortRequested", e);
            text(g, "reason", e.reason());
        } else if (event instanceof WaitingForApproval e) {
            head(g, "waitingForApproval", e);
            text(g, "stage", e.stage());
            texts(g, "approvers", e.approvers());
            g.writeNumberField("quorum", e.quorum());
            if (e.deadline().isPresent()) {
                text(g, "deadline", e.deadline().get().toString());
            }
            text(g, "message", e.message());
        } else if (event instanceof ApprovalGiven e) {
            head(g, "approvalGiven", e);
            text(g, "stage", e.stage());
            text(g, "approver", e.approver());
            text(g, "comment", e.comment());
        } else if (event instanceof ApprovalRejected e) {
            head(g, "approvalRejected", e);
            text(g, "stage", e.stage());
            text(g, "approver", e.approver());
            text(g, "comment", e.comment());
        } else if (event instanceof ApprovalTimedOut e) {
            head(g, "approvalTimedOut", e);
            text(g, "stage", e.stage());
            text(g, "onTimeout", lower(e.onTimeout()));
        } else if (event instanceof StageQueued e) {
            head(g, "stageQueued", e);
            text(g, "stage", e.stage());
        } else if (event instanceof WaitingForLock e) {
            head(g, "waitingForLock", e);
            text(g, "stage", e.stage());
            text(g, "lock", e.lock());
            text(g, "holder", e.holder());
        } else if (event instanceof StageStarted e) {
            head(g, "stageStarted", e);
            text(g, "stage", e.stage());
            g.writeNumberField("attempt", e.attempt());
            optionalText(g, "lock", e.lock());
        } else if (event instanceof StageRetrying e) {
            head(g, "stageRetrying", e);
            text(g, "stage", e.stage());
            g.writeNumberField("attempt", e.attempt());
            failure(g, "failure", e.failure());
            text(g, "retryAt", e.retryAt().toString());
        } else if (event instanceof StageSucceeded e) {
            head(g, "stageSucceeded", e);
            text(g, "stage", e.stage());
            g.writeNumberField("attempt", e.attempt());
            textMap(g, "outputs", e.outputs());
            optionalText(g, "warning", e.warning());
        } else if (event instanceof StageFailed e) {
            head(g, "stageFailed", e);
            text(g, "stage", e.stage());
            g.writeNumberField("attempt", e.attempt());
            failure(g, "failure", e.failure());
        } else if (event instanceof StageAborted e) {
            head(g, "stageAborted", e);
            text(g, "stage", e.stage());
            g.writeNumberField("attempt", e.attempt());
            text(g, "reason", e.reason());
        } else if (event instanceof StageSkipped e) {
            head(g, "stageSkipped", e);
            text(g, "stage", e.stage());
            text(g, "reason", e.reason());
        } else if (event instanceof StageInterrupted e) {
            head(g, "stageInterrupted", e);
            text(g, "stage", e.stage());
            g.writeNumberField("attempt", e.attempt());
        } else if (event instanceof RollbackStarted e) {
            head(g, "rollbackStarted", e);
            text(g, "stage", e.stage());
        } else if (event instanceof RollbackFinished e) {
            head(g, "rollbackFinished", e);
            text(g, "stage", e.stage());
            if (e.failure().isPresent()) {
                failure(g, "failure", e.failure().get());
            }
        } else if (event instanceof RunFinished e) {
            head(g, "runFinished", e);
            text(g, "status", lower(e.status()));
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + event.getClass().getName());
        }
    }

    private static void head(JsonGenerator g, String type, CoordinatorEvent event) throws IOException {
        g.writeStringField("type", type);
        text(g, "at", Objects.requireNonNull(event.at(), "at").toString());
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        g.writeStringField(name, Objects.requireNonNull(value, name));
    }

    private static void optionalText(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            text(g, name, value.get());
        }
    }

    private static void texts(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(Objects.requireNonNull(value, name));
        }
        g.writeEndArray();
    }

    private static void textMap(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            text(g, entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    private static void failure(JsonGenerator g, String name, Failure failure) throws IOException {
        g.writeObjectFieldStart(name);
        text(g, "kind", failure.kind().userName());
        text(g, "message", failure.message());
        g.writeEndObject();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    // ---- decoding ---------------------------------------------------------------------------------------------

    static CoordinatorEvent decode(String line) throws InvalidLineException {
        return decode(JsonFields.parse(line));
    }

    static CoordinatorEvent decode(JsonFields f) throws InvalidLineException {
        String type = f.text("type");
        Instant at = f.instant("at");
        return switch (type) {
            case "runStarted" -> new RunStarted(at, f.text("plan"), f.text("fingerprint"), f.integer("stages"));
            case "runResumed" -> new RunResumed(at, f.texts("interrupted"));
            case "runHalted" -> new RunHalted(at, f.text("stage"), f.text("reason"));
            case "abortRequested" -> new AbortRequested(at, f.text("reason"));
            case "waitingForApproval" ->
                new WaitingForApproval(
                        at,
                        f.text("stage"),
                        f.texts("approvers"),
                        f.integer("quorum"),
                        f.optionalInstant("deadline"),
                        f.text("message"));
            case "approvalGiven" -> new ApprovalGiven(at, f.text("stage"), f.text("approver"), f.text("comment"));
            case "approvalRejected" -> new ApprovalRejected(at, f.text("stage"), f.text("approver"), f.text("comment"));
            case "approvalTimedOut" ->
                new ApprovalTimedOut(at, f.text("stage"), f.choice("onTimeout", ApprovalSpec.OnTimeout.values()));
            case "stageQueued" -> new StageQueued(at, f.text("stage"));
            case "waitingForLock" -> new WaitingForLock(at, f.text("stage"), f.text("lock"), f.text("holder"));
            case "stageStarted" -> new StageStarted(at, f.text("stage"), f.integer("attempt"), f.optionalText("lock"));
            case "stageRetrying" ->
                new StageRetrying(
                        at, f.text("stage"), f.integer("attempt"), failure(f.object("failure")), f.instant("retryAt"));
            case "stageSucceeded" ->
                new StageSucceeded(
                        at, f.text("stage"), f.integer("attempt"), f.textMap("outputs"), f.optionalText("warning"));
            case "stageFailed" ->
                new StageFailed(at, f.text("stage"), f.integer("attempt"), failure(f.object("failure")));
            case "stageAborted" -> new StageAborted(at, f.text("stage"), f.integer("attempt"), f.text("reason"));
            case "stageSkipped" -> new StageSkipped(at, f.text("stage"), f.text("reason"));
            case "stageInterrupted" -> new StageInterrupted(at, f.text("stage"), f.integer("attempt"));
            case "rollbackStarted" -> new RollbackStarted(at, f.text("stage"));
            case "rollbackFinished" ->
                new RollbackFinished(
                        at,
                        f.text("stage"),
                        f.has("failure") ? Optional.of(failure(f.object("failure"))) : Optional.empty());
            case "runFinished" -> new RunFinished(at, f.choice("status", RunStatus.values()));
            default -> throw InvalidLineException.invalid("unknown event type '" + type + "'");
        };
    }

    private static Failure failure(JsonFields f) throws InvalidLineException {
        return new Failure(f.choice("kind", FailureKind.values()), f.text("message"));
    }

    static JournalHeader decodeHeader(JsonFields f) throws InvalidLineException {
        if (!f.has("journal") || !JOURNAL.equals(f.text("journal"))) {
            throw InvalidLineException.invalid("its first line is not the header of an Orchestra journal");
        }
        int version = f.integer("version");
        if (version != VERSION) {
            throw InvalidLineException.invalid(
                    "it has version " + version + ", and this Orchestra reads version " + VERSION + " only");
        }
        return new JournalHeader(f.text("plan"), f.text("fingerprint"), f.texts("stages"));
    }
}
