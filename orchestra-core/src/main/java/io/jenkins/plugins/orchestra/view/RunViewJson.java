package io.jenkins.plugins.orchestra.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes {@link RunView}s and their {@link RunView.Delta}s as the JSON of {@code orchestra-dashboard/openapi.yaml}. */
public final class RunViewJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RunViewJson() {}

    public static byte[] toBytes(RunView view) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + view.stages().size() * 320);
        write(view, out);
        return out.toByteArray();
    }

    public static byte[] toBytes(RunView.Delta delta) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(1024 + delta.stages().size() * 320);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("since", delta.since());
            g.writeFieldName("run");
            header(g, delta.run());
            g.writeEndObject();
            g.writeArrayFieldStart("stages");
            for (RunView.Stage s : delta.stages()) {
                stage(g, s);
            }
            g.writeEndArray();
            if (delta.edges() != null) {
                edges(g, delta.edges());
            }
            criticalPath(g, delta.criticalPath());
            approvals(g, delta.approvals());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One stage's JSON, for {@link RunViewFold}'s cache of stages that no longer change. */
    static byte[] stageBytes(RunView.Stage stage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            stage(g, stage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The edges' JSON array, which {@link RunViewFold} keeps until the graph changes. */
    static byte[] edgesBytes(List<RunView.Edge> edges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + edges.size() * 48);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            edges(g, edges);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] wrapped = out.toByteArray(); // {"edges":[…]}
        int start = "{\"edges\":".length();
        return java.util.Arrays.copyOfRange(wrapped, start, wrapped.length - 1);
    }

    /** A whole run from its header (its lists unused), its stages' and edges' JSON, its path and approvals. */
    static byte[] assemble(RunView header, List<byte[]> stages, byte[] edges) {
        int size = 1024 + edges.length;
        for (byte[] s : stages) {
            size += s.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream(512);
            JsonGenerator g = FACTORY.createGenerator(head);
            header(g, header);
            g.flush(); // not closed: that would close the run's object, which goes on below
            out.write(head.toByteArray());
            out.write(",\"stages\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < stages.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(stages.get(i));
            }
            out.write("],\"edges\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(edges);
            ByteArrayOutputStream tail = new ByteArrayOutputStream(256);
            try (JsonGenerator t = FACTORY.createGenerator(tail)) {
                t.writeStartObject();
                criticalPath(t, header.criticalPath());
                approvals(t, header.approvals());
                t.writeEndObject();
            }
            byte[] rest = tail.toByteArray(); // {"criticalPath":…,"approvals":[…]}
            out.write(',');
            out.write(rest, 1, rest.length - 1); // its closing brace closes the run's object
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(RunView view, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            header(g, view);
            g.writeArrayFieldStart("stages");
            for (RunView.Stage s : view.stages()) {
                stage(g, s);
            }
            g.writeEndArray();
            edges(g, view.edges());
            criticalPath(g, view.criticalPath());
            approvals(g, view.approvals());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the run's object and writes its own fields. */
    private static void header(JsonGenerator g, RunView v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schema", RunView.SCHEMA);
        g.writeNumberField("number", v.number());
        g.writeStringField("title", v.title());
        g.writeStringField("trigger", v.trigger());
        g.writeStringField("status", v.status());
        number(g, "startedAt", v.startedAt());
        number(g, "endedAt", v.endedAt());
        g.writeNumberField("durationMillis", v.durationMillis());
        g.writeNumberField("now", v.now());
        g.writeNumberField("version", v.version());
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, String> p : v.params().entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        automation(g, v.automation());
    }

    private static void stage(JsonGenerator g, RunView.Stage s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("name", s.name());
        g.writeStringField("kind", s.kind());
        g.writeStringField("parent", s.parent());
        g.writeStringField("status", s.status());
        g.writeBooleanField("orchestrated", s.orchestrated());
        g.writeNumberField("attempts", s.attempts());
        number(g, "readyAt", s.readyAt());
        number(g, "startedAt", s.startedAt());
        number(g, "endedAt", s.endedAt());
        number(g, "durationMillis", s.durationMillis());
        g.writeNumberField("waitedMillis", s.waitedMillis());
        g.writeStringField("note", s.note());
        g.writeFieldName("waiting");
        if (s.waiting() == null) {
            g.writeNull();
        } else {
            RunView.Waiting w = s.waiting();
            g.writeStartObject();
            g.writeStringField("kind", w.kind());
            g.writeStringField("lock", w.lock());
            g.writeStringField("holder", w.holder());
            strings(g, "approvers", w.approvers());
            g.writeNumberField("quorum", w.quorum());
            strings(g, "approvedBy", w.approvedBy());
            g.writeStringField("message", w.message());
            g.writeStringField("input", w.input());
            number(g, "until", w.until());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("spans");
        for (RunView.Span span : s.spans()) {
            g.writeStartObject();
            g.writeStringField("kind", span.kind());
            g.writeStringField("reason", span.reason());
            g.writeNumberField("attempt", span.attempt());
            g.writeNumberField("from", span.from());
            number(g, "to", span.to());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("outputs");
        value(g, s.outputs());
        automation(g, s.automation());
        g.writeStringField("rollback", s.rollback());
        g.writeEndObject();
    }

    private static void automation(JsonGenerator g, List<RunView.Automation> automation) throws IOException {
        g.writeArrayFieldStart("automation");
        for (RunView.Automation a : automation) {
            g.writeStartObject();
            g.writeStringField("step", a.step());
            g.writeNumberField("line", a.line());
            g.writeNumberField("at", a.at());
            g.writeFieldName("result");
            value(g, a.result());
            g.writeStringField("error", a.error());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void edges(JsonGenerator g, List<RunView.Edge> edges) throws IOException {
        g.writeArrayFieldStart("edges");
        for (RunView.Edge e : edges) {
            g.writeStartObject();
            g.writeStringField("from", e.from());
            g.writeStringField("to", e.to());
            g.writeStringField("kind", e.kind());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void criticalPath(JsonGenerator g, RunView.CriticalPath p) throws IOException {
        g.writeObjectFieldStart("criticalPath");
        strings(g, "stages", p.stages());
        g.writeArrayFieldStart("segments");
        for (RunView.Segment s : p.segments()) {
            g.writeStartObject();
            g.writeStringField("stage", s.stage());
            g.writeNumberField("waitedMillis", s.waitedMillis());
            g.writeNumberField("ranMillis", s.ranMillis());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("totalMillis", p.totalMillis());
        g.writeStringField("bottleneck", p.bottleneck());
        g.writeEndObject();
    }

    private static void approvals(JsonGenerator g, List<RunView.Approval> approvals) throws IOException {
        g.writeArrayFieldStart("approvals");
        for (RunView.Approval a : approvals) {
            g.writeStartObject();
            g.writeStringField("id", a.id());
            g.writeStringField("stage", a.stage());
            g.writeStringField("message", a.message());
            strings(g, "approvers", a.approvers());
            g.writeNumberField("quorum", a.quorum());
            g.writeStringField("status", a.status());
            g.writeNumberField("requestedAt", a.requestedAt());
            g.writeArrayFieldStart("decisions");
            for (RunView.Decision d : a.decisions()) {
                g.writeStartObject();
                g.writeStringField("by", d.by());
                g.writeBooleanField("approved", d.approved());
                g.writeStringField("comment", d.comment());
                g.writeNumberField("at", d.at());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** A JSON value as {@link JsonValues} makes them. */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof java.math.BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
